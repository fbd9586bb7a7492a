package dev.lockscope.analyzer.cli;

import dev.lockscope.analyzer.Analysis;
import dev.lockscope.analyzer.fleet.FleetReader;
import dev.lockscope.analyzer.read.FastJfrReader;
import dev.lockscope.analyzer.read.JmcRecordingReader;
import dev.lockscope.analyzer.read.RecordingException;
import dev.lockscope.analyzer.report.Report;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lockscope analyze FILE.jfr...}: the hot locks of one or more recordings, merged into one report. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Ranks the locks of one or more JFR recordings (ours or any JDK's) by the time threads waited "
                + "for them. Several files (e.g. one per JVM of a fleet, or a JVM's rotated chunk files) are read in "
                + "parallel and merged into one report, with a line per JVM when there are several; a file that "
                + "cannot be read is then skipped, named on stderr and in the report, and the exit code is 3.",
                "Example: lockscope analyze app.jfr --format html -o report.html",
                "Example: lockscope analyze app-*.jfr --format pprof -o locks.pb.gz"})
public final class AnalyzeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE.jfr", description = "Recordings to analyze.")
    List<Path> files;

    @Option(names = {"-f", "--format"}, defaultValue = "text",
            description = "Report format (default: ${DEFAULT-VALUE}): text; json (docs/report-json.md); html (a file: "
                    + "lockscope-report.html unless -o); pprof (gzipped profile.proto for go tool pprof, Pyroscope, "
                    + "Parca...: a file, lockscope-locks.pb.gz unless -o); collapsed (lock acquisition waits, one "
                    + "line per waiting stack and lock, 'frame;...;frame;[lock=CLASS@ADDRESS] NANOS': the value is "
                    + "wait nanoseconds, for text flame-graph tools).")
    ReportFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the report here ('-': stdout; default: stdout, HTML to lockscope-report.html, "
                    + "pprof to lockscope-locks.pb.gz).")
    Path output;

    @Option(names = "--only", paramLabel = "WAITS",
            description = "Report only these waits: ${COMPLETION-CANDIDATES}. 'monitors' reads only monitor enters "
                    + "(synchronized; the question of 'jfr view contention-by-site') with lockscope's own reader, "
                    + "which skips every other event: much faster on large recordings; parks, Object.wait and "
                    + "pinning are not read, and the report says so.")
    OnlyWaits only;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "Recordings read at once (default: one per processor, as many as the heap has room for: "
                    + "${DEFAULT-VALUE} here). The report is the same whatever N.")
    int jobs = FleetReader.defaultJobs();

    @Option(names = "--verbose", description = "Print stack traces of failures.")
    boolean verbose;

    @Override
    public Integer call() throws RecordingException {
        if (jobs < 1 || jobs > FleetReader.MAX_JOBS) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--jobs must be between 1 and " + FleetReader.MAX_JOBS + ", not " + jobs);
        }
        // One file that cannot be read is the analysis failing; among several, it is left out and the rest reported.
        Analysis.Options options = new Analysis.Options(jobs, files.size() > 1);
        Report report = Analysis.analyze(files, only == OnlyWaits.monitors ? new FastJfrReader() : new JmcRecordingReader(),
                ProgressBar.forStderr(), options);
        Path written = ReportWriter.write(report, format, output, spec.commandLine().getOut(),
                LockscopeCli.binaryOut(spec));
        for (Report.SkippedFile f : report.skipped()) {
            spec.commandLine().getErr().println("lockscope: skipped: " + f.error());
        }
        if (written != null) {
            spec.commandLine().getErr().println("lockscope: wrote " + written);
        }
        return report.skipped().isEmpty() ? 0 : LockscopeCli.EXIT_PARTIAL;
    }
}
