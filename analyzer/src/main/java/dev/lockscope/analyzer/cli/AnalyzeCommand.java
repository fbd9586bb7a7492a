package dev.lockscope.analyzer.cli;

import dev.lockscope.analyzer.Analysis;
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
                + "for them. Several files (e.g. one per JVM of a fleet) are merged into one report.",
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

    @Option(names = "--verbose", description = "Print stack traces of failures.")
    boolean verbose;

    @Override
    public Integer call() throws RecordingException {
        Report report = Analysis.analyze(files, only == OnlyWaits.monitors ? new FastJfrReader() : new JmcRecordingReader(),
                ProgressBar.forStderr());
        Path written = ReportWriter.write(report, format, output, spec.commandLine().getOut(),
                LockscopeCli.binaryOut(spec));
        if (written != null) {
            spec.commandLine().getErr().println("lockscope: wrote " + written);
        }
        return 0;
    }
}
