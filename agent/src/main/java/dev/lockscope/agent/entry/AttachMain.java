package dev.lockscope.agent.entry;

import com.sun.tools.attach.VirtualMachine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads this agent into a running JVM through the JDK Attach API:
 * {@code java -jar lockscope-agent.jar PID [option=value,...]}. When the options ask for a recording with
 * a duration, waits until the target has written the file. Exit code 0 on success, 1 on failure, 2 on bad usage.
 */
public final class AttachMain {
    private AttachMain() {
    }

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2 || !args[0].matches("\\d+")) {
            System.err.println("usage: java -jar lockscope-agent.jar PID [option=value,...]   (options: see agent/README.md)");
            System.exit(2);
        }
        try {
            System.exit(attach(args[0], args.length > 1 ? args[1] : "", NestedJars.agentJar()));
        } catch (Exception e) {
            System.err.println("lockscope attach: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Attaches, loads the agent with {@code options}, and waits for {@code record=} output when a duration is set. */
    public static int attach(String pid, String options, Path agentJar) throws Exception {
        List<String> parts = new ArrayList<>();
        Path record = null;
        long durationMs = 0;
        for (String opt : options.split(",")) {
            if (opt.isBlank()) {
                continue;
            }
            if (opt.startsWith("record=")) {
                record = Paths.get(opt.substring("record=".length())).toAbsolutePath();
                opt = "record=" + record;
            } else if (opt.startsWith("duration=")) {
                durationMs = parseDurationMillis(opt.substring("duration=".length()));
            }
            parts.add(opt);
        }
        if (record != null) {
            Files.deleteIfExists(record);
        }
        String notJvm = notAJvm(pid);
        if (notJvm != null) {
            System.err.println("lockscope attach: " + notJvm);
            return 1;
        }
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(pid);
        } catch (Exception e) {
            System.err.println("lockscope attach: cannot attach to " + pid + ": " + e.getMessage());
            return 1;
        }
        try {
            vm.loadAgent(agentJar.toString(), String.join(",", parts));
        } finally {
            vm.detach();
        }
        if (record != null && durationMs > 0) {
            long deadline = System.currentTimeMillis() + durationMs + 30_000;
            Thread.sleep(durationMs);
            // The target writes the file when the recording stops; wait until its size settles.
            long last = -1;
            while (System.currentTimeMillis() < deadline) {
                long size = Files.exists(record) ? Files.size(record) : -1;
                if (size > 0 && size == last) {
                    System.err.println("lockscope attach: wrote " + record);
                    return 0;
                }
                last = size;
                Thread.sleep(500);
            }
            System.err.println("lockscope attach: the target did not write " + record + " (has it exited?)");
            return 1;
        }
        return 0;
    }

    /**
     * Why {@code pid} cannot be a JVM to attach to, or null when it may be. The Attach API would signal the process
     * (SIGQUIT, which ends most programs that are not JVMs) and wait its 10 s timeout; Linux tells at once whether a
     * process exists and whether it has a JVM mapped.
     */
    static String notAJvm(String pid) {
        Path proc = Paths.get("/proc", pid);
        if (!Files.isDirectory(Paths.get("/proc", "self"))) {
            return null; // not Linux: let the Attach API decide
        }
        if (!Files.isDirectory(proc)) {
            return "no process " + pid;
        }
        try {
            for (String line : Files.readAllLines(proc.resolve("maps"))) {
                if (line.endsWith("/libjvm.so")) {
                    return null;
                }
            }
            return "process " + pid + " is not a Java VM (no libjvm.so in /proc/" + pid + "/maps)";
        } catch (java.io.IOException | SecurityException e) {
            return "cannot read /proc/" + pid + "/maps (" + e.getMessage() + "): attach must run as the target's user";
        }
    }

    /** Parses 30s, 500ms, 2m, 1h or a plain number of seconds. */
    public static long parseDurationMillis(String s) {
        String v = s.trim().toLowerCase();
        if (v.endsWith("ms")) {
            return Long.parseLong(v.substring(0, v.length() - 2));
        }
        if (v.endsWith("s")) {
            return Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000);
        }
        if (v.endsWith("m")) {
            return Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 60_000);
        }
        if (v.endsWith("h")) {
            return Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 3_600_000);
        }
        return Math.round(Double.parseDouble(v) * 1000);
    }
}
