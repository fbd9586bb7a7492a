package dev.lockscope.analyzer.cli;

import dev.lockscope.analyzer.report.CollapsedRenderer;
import dev.lockscope.analyzer.report.HtmlRenderer;
import dev.lockscope.analyzer.report.JsonRenderer;
import dev.lockscope.analyzer.report.PprofRenderer;
import dev.lockscope.analyzer.report.Report;
import dev.lockscope.analyzer.report.TextRenderer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a report in the chosen format to stdout or a file (HTML and pprof to a file unless {@code -o -}: a terminal
 * shows neither).
 */
final class ReportWriter {
    private ReportWriter() {
    }

    /** {@code -o -}: standard output, as the JDK's tools and most CLIs read it. */
    static boolean isStdout(Path output) {
        return output != null && output.toString().equals("-");
    }

    /** A text format; returns the file written, or null when the report went to {@code out}. */
    static Path write(Report report, ReportFormat format, Path output, PrintWriter out) {
        if (format.binary()) {
            throw new IllegalArgumentException(format + " is written as bytes");
        }
        return write(report, format, output, out, null);
    }

    /**
     * Returns the file written, or null when the report went to standard output: {@code out} for text formats,
     * {@code binaryOut} (after {@code out} is flushed) for pprof.
     */
    static Path write(Report report, ReportFormat format, Path output, PrintWriter out, OutputStream binaryOut) {
        Path target = isStdout(output) ? null : output != null ? output : format.defaultFile();
        try {
            if (target == null) {
                if (format.binary()) {
                    out.flush();
                    renderBinary(report, format, binaryOut);
                } else {
                    render(report, format, out);
                    out.flush();
                }
                return null;
            }
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new UserError(target + ": cannot write report: directory " + parent + " does not exist");
            }
            if (format.binary()) {
                try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
                    renderBinary(report, format, o);
                }
            } else {
                try (Writer w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                    render(report, format, new PrintWriter(w));
                }
            }
            return target;
        } catch (IOException e) {
            throw new UserError((target == null ? "stdout" : target.toString()) + ": cannot write report: "
                    + e.getMessage(), e);
        }
    }

    private static void renderBinary(Report report, ReportFormat format, OutputStream o) throws IOException {
        if (format != ReportFormat.pprof) {
            throw new IllegalStateException(format.toString());
        }
        PprofRenderer.write(report, o);
    }

    private static void render(Report report, ReportFormat format, PrintWriter w) throws IOException {
        switch (format) {
            case text -> TextRenderer.render(report, w);
            case json -> {
                JsonRenderer.render(report, w, false);
                w.println();
            }
            case html -> HtmlRenderer.render(report, w);
            case collapsed -> CollapsedRenderer.render(report, w);
            default -> throw new IllegalStateException(format.toString());
        }
        w.flush();
    }
}
