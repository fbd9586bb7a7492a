package dev.lockscope.benchmarks.agent;

import dev.lockscope.benchmarks.Medians;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How long a Java agent's premain holds a program's {@code main} back: {@link MainEntry} (it prints the JVM's uptime as
 * {@code main} begins) in a child JVM per configuration, no agent and each agent jar given, rotated each round; the
 * median delay against no agent in ms with its 95% bootstrap interval, and between the agents.
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.lockscope.benchmarks.agent.AgentStartCost
 *     [--rounds N] [--agent NAME=JAR[=OPTIONS]]...</pre>
 * Without {@code --agent}: the built agent ({@code agent/target/lockscope-agent.jar}) as "lockscope agent". A trivial
 * program, so the figure is premain's own: what it loads and initialises that the program would not (a large
 * application may load some of it later anyway, so its start-up gains less than this figure moves).
 */
public final class AgentStartCost {
    static final String NONE = "no agent";

    private AgentStartCost() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = 20;
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put(NONE, null);
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--rounds") && i + 1 < args.length) {
                rounds = Integer.parseInt(args[++i]);
            } else if (a.equals("--agent") && i + 1 < args.length) {
                agents.add(args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument " + a + " (expected --rounds N, --agent NAME=JAR[=OPTIONS])");
            }
        }
        if (agents.isEmpty()) {
            agents.add("lockscope agent=agent/target/lockscope-agent.jar");
        }
        for (String a : agents) {
            String[] p = a.split("=", 3);
            if (p.length < 2 || !Files.isRegularFile(Paths.get(p[1]))) {
                throw new IllegalArgumentException("--agent " + a + ": expected NAME=JAR[=OPTIONS] with an existing jar");
            }
            configs.put(p[0], "-javaagent:" + Paths.get(p[1]).toAbsolutePath() + (p.length == 3 ? "=" + p[2] : ""));
        }
        List<String> names = new ArrayList<>(configs.keySet());
        double[][] byRound = new double[names.size()][];
        for (int c = 0; c < names.size(); c++) {
            byRound[c] = new double[rounds];
        }
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < names.size(); k++) {
                int c = (k + r) % names.size();
                byRound[c][r] = mainEntryMillis(configs.get(names.get(c)));
            }
            System.err.println("[agent-start] round " + (r + 1) + "/" + rounds);
        }
        System.out.println(report(names, byRound));
    }

    /** The table and the paired delays: each configuration against no agent (the first), then each agent pair. */
    static String report(List<String> names, double[][] byRound) {
        StringBuilder b = new StringBuilder("| configuration | median main entry (ms since JVM start) |\n|---|---|\n");
        for (int c = 0; c < names.size(); c++) {
            b.append("| ").append(names.get(c)).append(" | ").append(String.format("%.0f", Medians.of(byRound[c]))).append(" |\n");
        }
        b.append("\npaired by round: how much later main begins (ms, median and 95% interval)\n");
        for (int c = 1; c < names.size(); c++) {
            for (int d = 0; d < c; d++) {
                double[] diff = new double[byRound[c].length];
                for (int r = 0; r < diff.length; r++) {
                    diff[r] = byRound[c][r] - byRound[d][r];
                }
                double[] m = PairedRatios.medianWithInterval(diff);
                b.append(String.format("  %s - %s: %+.0f ms (%+.0f to %+.0f), %d rounds%n", names.get(c), names.get(d), m[0], m[1], m[2], diff.length));
            }
        }
        return b.toString();
    }

    private static double mainEntryMillis(String agentArg) throws IOException, InterruptedException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java));
        if (agentArg != null) {
            cmd.add(agentArg);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), MainEntry.class.getName()));
        Path out = Files.createTempFile("agent-start", ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("a run did not end in 60 s: " + String.join(" ", cmd));
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            return text.lines().filter(l -> l.startsWith("main.ms=")).mapToDouble(l -> Double.parseDouble(l.substring(8)))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no main.ms in the output of " + String.join(" ", cmd) + ":\n" + text));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
