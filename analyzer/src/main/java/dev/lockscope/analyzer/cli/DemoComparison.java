package dev.lockscope.analyzer.cli;

import dev.lockscope.analyzer.Analysis;
import dev.lockscope.analyzer.diff.DiffRenderer;
import dev.lockscope.analyzer.diff.LockDiff;
import dev.lockscope.analyzer.read.JmcRecordingReader;
import dev.lockscope.analyzer.read.RecordingException;
import dev.lockscope.analyzer.report.Report;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code lockscope demo --compare}: the demo workload under the agent twice, plain and then with {@code adapt=auto}
 * plus the sites {@link DemoSwap} picks from the first run's report, and the diff of the two. {@code auto} alone
 * swaps only locks built after the agent's own verdict, a few seconds into the run; the demo's hot lock is built at
 * start-up, so the first run's verdicts are applied from the second run's start. It prints the diff, or fails with
 * one line saying why; the HTML file is removed first and written only with this run's diff.
 */
final class DemoComparison {
    private final DemoCommand demo;

    DemoComparison(DemoCommand demo) {
        this.demo = demo;
    }

    int run() throws IOException, InterruptedException, RecordingException {
        PrintWriter err = demo.spec.commandLine().getErr();
        PrintWriter out = demo.spec.commandLine().getOut();
        if (demo.noAgent) {
            throw new UserError("--compare needs the lockscope agent (it applies adapt=): drop --no-agent");
        }
        Path agent = AgentJar.findBuilt();
        if (agent == null) {
            throw new UserError("--compare needs the agent jar at " + AgentJar.defaultLocation() + " (" + AgentJar.BUILD_HINT + ")");
        }
        Path before = demo.recording;
        Path after = adaptedName(before);
        FreshOutput html = FreshOutput.clear(demo.html);
        Path jfc = DemoCommand.extractJfc();
        try {
            Files.deleteIfExists(before);
            Files.deleteIfExists(after);
            err.printf(Locale.ROOT, "lockscope demo --compare: run 1 of 2, plain, %.0f s...%n", demo.seconds);
            err.flush();
            double opsBefore = throughput(demo.runWorkload(jfc, agent, before, ""), before);
            Report first = Analysis.analyze(List.of(before), new JmcRecordingReader(), ProgressBar.forStderr());
            DemoSwap swap = DemoSwap.of(first);
            for (String line : swap.why()) {
                err.println("lockscope demo --compare: " + line);
            }
            String adapt = "auto," + String.join(",", swap.sites());
            err.printf(Locale.ROOT, "lockscope demo --compare: run 2 of 2, adapt=%s, %.0f s...%n", adapt, demo.seconds);
            err.flush();
            double opsAfter = throughput(demo.runWorkload(jfc, agent, after, ",adapt=" + adapt), after);
            Report second = Analysis.analyze(List.of(after), new JmcRecordingReader(), ProgressBar.forStderr());
            LockDiff diff = LockDiff.of(first, second, new LockDiff.Throughput(opsBefore, opsAfter,
                    "the workload's own count of operations, printed when each run ended"));
            DiffRenderer.text(diff, out);
            out.flush();
            try (Writer w = Files.newBufferedWriter(html.path(), StandardCharsets.UTF_8)) {
                DiffRenderer.html(diff, new PrintWriter(w));
            } catch (IOException e) {
                throw new UserError(html.path() + ": cannot write the HTML diff: " + e.getMessage(), e);
            }
            err.println("lockscope demo --compare: recordings " + before + " and " + after + ", HTML diff " + html.written());
            return 0;
        } finally {
            Files.deleteIfExists(jfc);
        }
    }

    static Path adaptedName(Path before) {
        String name = before.getFileName().toString();
        String base = name.endsWith(".jfr") ? name.substring(0, name.length() - 4) : name;
        return before.resolveSibling(base + "-adapted.jfr");
    }

    private static double throughput(List<String> output, Path rec) {
        if (!Files.exists(rec)) {
            throw new UserError("the demo workload ended without writing " + rec);
        }
        List<String> found = new ArrayList<>();
        for (String line : output) {
            if (line.startsWith("ops.per.second ")) {
                found.add(line.substring(15).trim());
            }
        }
        if (found.isEmpty()) {
            throw new UserError("the demo workload printed no ops.per.second line");
        }
        return Double.parseDouble(found.get(found.size() - 1));
    }
}
