package dev.lockscope.analyzer.cli;

import dev.lockscope.analyzer.Analysis;
import dev.lockscope.analyzer.diff.DiffRenderer;
import dev.lockscope.analyzer.diff.LockDiff;
import dev.lockscope.analyzer.read.JmcRecordingReader;
import dev.lockscope.analyzer.read.RecordingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lockscope diff BEFORE.jfr AFTER.jfr}: what changed, lock site by lock site. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compares two recordings of the same program, lock site by lock site: total wait, p99 wait, "
                + "contended acquisitions.", "Example: lockscope diff before.jfr after.jfr --format html -o diff.html"})
public final class DiffCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BEFORE.jfr", description = "The recording before the change.")
    Path before;

    @Parameters(index = "1", paramLabel = "AFTER.jfr", description = "The recording after the change.")
    Path after;

    @Option(names = {"-f", "--format"}, defaultValue = "text",
            description = "Report format: text, json or html (default: ${DEFAULT-VALUE}); a diff has no pprof or "
                    + "collapsed form.")
    ReportFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the diff here ('-' or none: stdout).")
    Path output;

    @Option(names = "--verbose", description = "Print stack traces of failures.")
    boolean verbose;

    @Override
    public Integer call() throws RecordingException, IOException {
        if (!format.diffable()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "diff reports in text, json or html, not " + format + " (a profile is of one set of recordings: "
                            + "'lockscope analyze FILE --format " + format + "')");
        }
        LockDiff diff = LockDiff.of(
                Analysis.analyze(List.of(before), new JmcRecordingReader(), ProgressBar.forStderr()),
                Analysis.analyze(List.of(after), new JmcRecordingReader(), ProgressBar.forStderr()));
        if (output == null || ReportWriter.isStdout(output)) {
            render(diff, spec.commandLine().getOut());
            return 0;
        }
        try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            render(diff, new PrintWriter(w));
        } catch (IOException e) {
            throw new UserError(output + ": cannot write diff: " + e.getMessage(), e);
        }
        spec.commandLine().getErr().println("lockscope: wrote " + output);
        return 0;
    }

    private void render(LockDiff diff, PrintWriter out) throws IOException {
        switch (format) {
            case text -> DiffRenderer.text(diff, out);
            case json -> {
                DiffRenderer.json(diff, out);
                out.println();
            }
            case html -> DiffRenderer.html(diff, out);
            default -> throw new IllegalStateException(format.toString());
        }
        out.flush();
    }
}
