package dev.lockscope.analyzer.cli;

import dev.lockscope.analyzer.Analysis;
import dev.lockscope.analyzer.read.JmcRecordingReader;
import dev.lockscope.analyzer.read.RecordingException;
import dev.lockscope.analyzer.report.Report;
import dev.lockscope.analyzer.report.TextRenderer;
import dev.lockscope.examples.DemoWorkload;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lockscope demo}: runs the bundled contended workload in a child JVM under JFR with lockscope.jfc,
 * then prints the text report and writes the HTML one.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs a bundled contended workload (a ReentrantLock with short critical sections posted to by "
                + "one busy thread per core, a synchronized cache with slow misses, a condition-wait queue) under JFR "
                + "with lockscope.jfc, then prints the report and writes it as HTML.",
                "Example: lockscope demo --seconds 10"})
public final class DemoCommand implements Callable<Integer> {
    static final String JFC_RESOURCE = "/dev/lockscope/events/lockscope.jfc";
    /**
     * Futex counting windows for the demo's workload, 900 ms of every second: exact counting taxes every syscall
     * on the machine, so production leaves it off, but the demo wants the figures.
     */
    static final String DEMO_FUTEX_DUTY = "900/1000";

    @Spec
    CommandSpec spec;

    @Option(names = "--seconds", defaultValue = "20", description = "How long the workload runs (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--recording", defaultValue = "lockscope-demo.jfr", paramLabel = "FILE",
            description = "Where the recording is written (default: ${DEFAULT-VALUE}).")
    Path recording;

    @Option(names = {"-o", "--output", "--html"}, defaultValue = "lockscope-demo.html", paramLabel = "FILE",
            description = "Where the HTML report is written (default: ${DEFAULT-VALUE}).")
    Path html;

    @Option(names = "--no-agent", description = "Record with JFR alone, without the lockscope agent (as any JDK can).")
    boolean noAgent;

    @Option(names = "--compare", description = "Run the workload twice under the agent: plain, then with agent "
            + "option adapt= at every lock site the first run's report advised to adopt the adaptive lock (none "
            + "advised: at its hottest lock, if worth touching); print the diff (workload throughput, waits, futex "
            + "calls), or fail with one line saying why. The HTML file gets the diff.")
    boolean compare;

    @Option(names = "--verbose", description = "Print stack traces of failures and the workload's output.")
    boolean verbose;

    @Override
    public Integer call() throws RecordingException, IOException, InterruptedException {
        if (!(seconds > 0 && seconds <= 3600)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--seconds must be between 0 and 3600, got " + seconds);
        }
        PrintWriter err = spec.commandLine().getErr();
        if (compare) {
            return new DemoComparison(this).run();
        }
        FreshOutput htmlOut = FreshOutput.clear(html);
        Path jfc = extractJfc();
        try {
            Files.deleteIfExists(recording);
            Path agent = noAgent ? null : AgentJar.findBuilt();
            if (!noAgent && agent == null) {
                err.println("lockscope demo: agent jar not found at " + AgentJar.defaultLocation()
                        + ": recording with JFR alone (" + AgentJar.BUILD_HINT + ")");
            }
            err.printf(Locale.ROOT, "lockscope demo: running the workload for %.0f s under JFR (lockscope.jfc)%s...%n",
                    seconds, agent == null ? "" : " with the lockscope agent");
            err.flush();
            List<String> output = runWorkload(jfc, agent, recording, "");
            if (!Files.exists(recording)) {
                throw new UserError("the demo workload ended without writing " + recording);
            }
            for (String line : output) {
                if (line.startsWith("ops.per.second")) {
                    err.println("lockscope demo: workload throughput " + line.substring(15).trim() + " ops/s");
                }
            }
            Report report = Analysis.analyze(List.of(recording), new JmcRecordingReader(), ProgressBar.forStderr());
            TextRenderer.render(report, spec.commandLine().getOut());
            ReportWriter.write(report, ReportFormat.html, html, spec.commandLine().getOut());
            err.println("lockscope demo: recording " + recording + ", HTML report " + htmlOut.written());
            return 0;
        } finally {
            Files.deleteIfExists(jfc);
        }
    }

    /** Runs the workload into {@code rec}; {@code agentOptions} are appended to the agent's (e.g. ",adapt=..."). */
    List<String> runWorkload(Path jfc, Path agent, Path rec, String agentOptions) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (agent != null) {
            // The agent records with lockscope.jfc itself: the JDK's lock events and its own, in one file.
            cmd.add("-javaagent:" + agent + "=record=" + rec.toAbsolutePath() + ",futexDuty=" + DEMO_FUTEX_DUTY + agentOptions);
        } else {
            cmd.add("-XX:StartFlightRecording:settings=" + jfc + ",filename=" + rec.toAbsolutePath()
                    + ",dumponexit=true");
        }
        cmd.add("-Xlog:jfr+startup=warning");
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-cp");
        cmd.add(codeSource(DemoWorkload.class).toString());
        cmd.add(DemoWorkload.class.getName());
        cmd.add("--seconds");
        cmd.add(Double.toString(seconds));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (var r = p.inputReader()) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
                if (verbose) {
                    spec.commandLine().getErr().println("  workload: " + line);
                }
            }
        }
        if (!p.waitFor(60 + (long) seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new UserError("the demo workload did not finish in time");
        }
        if (p.exitValue() != 0) {
            throw new UserError("the demo workload failed with exit code " + p.exitValue() + ": " + failure(lines));
        }
        return lines;
    }

    /**
     * What a failed workload's output says about its end, in one line: a JVM crash's error and report file (its
     * banner ends in a bare '#'), else the last line.
     */
    static String failure(List<String> lines) {
        String error = null;
        String report = null;
        for (String line : lines) {
            String l = line.replaceFirst("^#\\s*", "").trim();
            if (error == null && (l.startsWith("Internal Error") || l.startsWith("SIGSEGV") || l.startsWith("SIGBUS")
                    || l.startsWith("fatal error:"))) {
                error = l;
            } else if (error != null && l.startsWith("fatal error:")) {
                error += ", " + l;
            } else if (report == null && l.endsWith(".log") && l.contains("hs_err_pid")) {
                report = l.substring(l.lastIndexOf(' ') + 1);
            }
        }
        if (error != null) {
            return "the JVM crashed: " + error + (report == null ? "" : " (error report " + report + ")");
        }
        return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
    }

    static Path codeSource(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new UserError("cannot locate the demo workload's classes: " + e.getMessage(), e);
        }
    }

    /** Copies lockscope.jfc out of the jar: the child JVM needs it as a file. */
    static Path extractJfc() throws IOException {
        Path jfc = Files.createTempFile("lockscope", ".jfc");
        try (InputStream in = DemoCommand.class.getResourceAsStream(JFC_RESOURCE)) {
            if (in == null) {
                throw new UserError("lockscope.jfc is missing from the class path (broken build?)");
            }
            Files.copy(in, jfc, StandardCopyOption.REPLACE_EXISTING);
        }
        return jfc;
    }
}
