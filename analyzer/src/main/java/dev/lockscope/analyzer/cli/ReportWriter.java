package dev.lockscope.analyzer.cli;

import dev.lockscope.analyzer.report.HtmlRenderer;
import dev.lockscope.analyzer.report.JsonRenderer;
import dev.lockscope.analyzer.report.Report;
import dev.lockscope.analyzer.report.TextRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a report in the chosen format to stdout or a file (HTML always to a file). */
final class ReportWriter {
    static final Path DEFAULT_HTML = Path.of("lockscope-report.html");

    private ReportWriter() {
    }

    /** {@code -o -}: standard output, as the JDK's tools and most CLIs read it. */
    static boolean isStdout(Path output) {
        return output != null && output.toString().equals("-");
    }

    /** Returns the file written, or null when the report went to {@code out} (no {@code -o}, or {@code -o -}). */
    static Path write(Report report, ReportFormat format, Path output, PrintWriter out) {
        Path target = isStdout(output) ? null : output != null ? output : format == ReportFormat.html ? DEFAULT_HTML : null;
        try {
            if (target == null) {
                render(report, format, out);
                out.flush();
                return null;
            }
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new UserError(target + ": cannot write report: directory " + parent + " does not exist");
            }
            try (Writer w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                render(report, format, new PrintWriter(w));
            }
            return target;
        } catch (IOException e) {
            throw new UserError((target == null ? "stdout" : target.toString()) + ": cannot write report: "
                    + e.getMessage(), e);
        }
    }

    private static void render(Report report, ReportFormat format, PrintWriter w) throws IOException {
        switch (format) {
            case text -> TextRenderer.render(report, w);
            case json -> {
                JsonRenderer.render(report, w, false);
                w.println();
            }
            case html -> HtmlRenderer.render(report, w);
            default -> throw new IllegalStateException(format.toString());
        }
        w.flush();
    }
}
