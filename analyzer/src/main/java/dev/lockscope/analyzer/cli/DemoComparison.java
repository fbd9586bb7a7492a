package dev.lockscope.analyzer.cli;

import dev.lockscope.advisor.Verdict;
import dev.lockscope.analyzer.Analysis;
import dev.lockscope.analyzer.diff.DiffRenderer;
import dev.lockscope.analyzer.diff.LockDiff;
import dev.lockscope.analyzer.read.JmcRecordingReader;
import dev.lockscope.analyzer.read.RecordingException;
import dev.lockscope.analyzer.report.Report;
import dev.lockscope.analyzer.report.TextRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code lockscope demo --compare}: the demo workload under the agent twice, plain and then with {@code adapt=auto}
 * plus the sites the first run's advice told to adopt the adaptive lock, and the diff of the two. {@code auto} alone
 * swaps only locks built after the agent's own verdict, a few seconds into the run; the demo's hot lock is built at
 * start-up, so the first run's verdicts are applied from the second run's start.
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
        Path jfc = DemoCommand.extractJfc();
        try {
            Files.deleteIfExists(before);
            Files.deleteIfExists(after);
            err.printf(Locale.ROOT, "lockscope demo --compare: run 1 of 2, plain, %.0f s...%n", demo.seconds);
            err.flush();
            double opsBefore = throughput(demo.runWorkload(jfc, agent, before, ""), before);
            Report first = Analysis.analyze(List.of(before), new JmcRecordingReader(), ProgressBar.forStderr());
            Set<String> sites = adoptSites(first);
            if (sites.isEmpty()) {
                TextRenderer.render(first, out);
                err.println("lockscope demo --compare: no lock site was advised to adopt the adaptive lock, so there is"
                        + " nothing to swap and no second run; the report above says what each lock needs instead");
                return 0;
            }
            String adapt = "auto," + String.join(",", sites);
            err.printf(Locale.ROOT, "lockscope demo --compare: run 2 of 2, adapt=%s, %.0f s...%n", adapt, demo.seconds);
            err.flush();
            double opsAfter = throughput(demo.runWorkload(jfc, agent, after, ",adapt=" + adapt), after);
            Report second = Analysis.analyze(List.of(after), new JmcRecordingReader(), ProgressBar.forStderr());
            LockDiff diff = LockDiff.of(first, second, new LockDiff.Throughput(opsBefore, opsAfter,
                    "the workload's own count of operations, printed when each run ended"));
            DiffRenderer.text(diff, out);
            try (Writer w = Files.newBufferedWriter(demo.html, StandardCharsets.UTF_8)) {
                DiffRenderer.html(diff, new PrintWriter(w));
            } catch (IOException e) {
                throw new UserError(demo.html + ": cannot write the HTML diff: " + e.getMessage(), e);
            }
            err.println("lockscope demo --compare: recordings " + before + " and " + after + ", HTML diff " + demo.html);
            return 0;
        } finally {
            Files.deleteIfExists(jfc);
        }
    }

    /** Construction sites of the locks advised to adopt the adaptive lock (only those the agent can swap). */
    static Set<String> adoptSites(Report report) {
        Set<String> sites = new LinkedHashSet<>();
        for (Report.LockRow row : report.locks()) {
            if (row.advice() != null && row.advice().verdict() == Verdict.ADOPT_ADAPTIVE_LOCK && row.agent() != null
                    && "constructed".equals(row.agent().siteKind()) && row.agent().constructionSite() != null
                    && row.lockClass() != null && row.lockClass().startsWith("java.util.concurrent.locks.ReentrantLock")) {
                sites.add(row.agent().constructionSite());
            }
        }
        return sites;
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
