package dev.lockscope.analyzer.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lockscope attach PID [--duration 30s] [-o FILE.jfr]}: loads the lockscope agent into a running JVM and
 * records its lock contention; when the recording ends the agent stops and leaves nothing running in the target.
 * {@code lockscope attach PID --stop} stops an agent that runs there. The attach itself is the agent jar's own main
 * (JDK Attach API), run with this JVM's java so the CLI needs no attach code of its own.
 */
@Command(name = "attach", mixinStandardHelpOptions = true,
        description = {"Attach the lockscope agent to a running JVM and record its lock contention to a JFR file; when "
                + "the recording ends the agent stops and leaves nothing running in the target.",
                "Example: lockscope attach 4242 --duration 30s -o app.jfr"})
public final class AttachCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PID", description = "Process id of the target JVM (same user).")
    String pid;

    @Option(names = "--duration", defaultValue = "30s", description = "How long to record, e.g. 30s, 2m (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = {"-o", "--output", "--out"}, defaultValue = "lockscope-PID.jfr",
            description = "Recording file (default: lockscope-PID.jfr).")
    String out;

    @Option(names = "--stop", description = "Stop the lockscope agent running in the JVM (its recording is written) "
            + "instead of starting a recording.")
    boolean stop;

    @Option(names = "--options", description = "Extra agent options, e.g. monitorThreshold=5ms,metricsPort=9464 (see agent/README.md).")
    String options;

    @Option(names = "--verbose", description = "Print stack traces of failures.")
    boolean verbose;

    @Option(names = "--agent-jar", description = "The agent jar (default: agent/target/lockscope-agent.jar under the lockscope home).")
    Path agentJar;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!pid.matches("\\d+")) {
            spec.commandLine().getErr().println("lockscope attach: PID must be a process id, not '" + pid + "'");
            return 2;
        }
        if (!duration.matches("\\d+(\\.\\d+)?(ms|s|m|h)?")) {
            spec.commandLine().getErr().println("lockscope attach: --duration must look like 30s, 2m or 500ms, not '" + duration + "'");
            return 2;
        }
        Path jar = agentJar != null ? agentJar : AgentJar.defaultLocation();
        if (!Files.isRegularFile(jar)) {
            spec.commandLine().getErr().println("lockscope attach: agent jar not found at " + jar + " (" + AgentJar.BUILD_HINT + ")");
            return 1;
        }
        Path file = Paths.get(out.replace("PID", pid)).toAbsolutePath();
        String agentArgs = stop ? "stop" : "record=" + file + ",duration=" + duration
                + (options == null || options.isBlank() ? "" : "," + options);
        String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString(), pid, agentArgs));
        // The attach's own lines ("wrote FILE", why it failed) go through this CLI's error stream like its other words.
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                spec.commandLine().getErr().println(line);
            }
        }
        int rc = p.waitFor();
        if (rc == 0) {
            spec.commandLine().getOut().println(stop ? "stopped the lockscope agent in " + pid
                    : "recorded " + file + "  (next: lockscope analyze " + file + ")");
        }
        return rc;
    }
}
