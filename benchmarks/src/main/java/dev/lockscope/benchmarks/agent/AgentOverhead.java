package dev.lockscope.benchmarks.agent;

import dev.lockscope.agent.entry.AgentEntry;
import dev.lockscope.benchmarks.Medians;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.LinuxPerfNormProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link LockOverheadBench} side by side in one run under: no agent, the lockscope agent, async-profiler
 * in lock mode (threshold 0), and JFR with jdk.ThreadPark at threshold 0; prints throughput and ratios to the
 * baseline as a Markdown table.
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.lockscope.benchmarks.agent.AgentOverhead [agentJar]
 *     [--bench REGEX] [--configs NAME,NAME] [--agent OPTIONS]... [--rounds N] [--short] [--warmup N] [--switches] [--cpu]</pre>
 * {@code --bench} picks benchmark methods (e.g. {@code construct}), {@code --configs} the configurations by name
 * (e.g. {@code "no agent,lockscope agent"}; "no agent" is always run), {@code --agent OPTIONS} (repeatable) adds the
 * agent with those agent options as one more configuration (e.g. {@code enabled=false,monitors=false}: the idle
 * agent without its monitor stream), so a part of the agent can be taken away in the same rotated run;
 * {@code --rounds} repeats the whole set of configurations N times in turn (ABAB..., the order rotated by one each
 * round) and prints each round's ratios and their median, which is steadier on a shared machine than one fork
 * each; {@code --short} makes each fork 2 x 1 s warm-up, 3 x 1 s measurement. {@code --warmup N} sets N x 1 s of
 * warm-up: with the agent the JIT compiles its code (and JFR's) for about 5 s after start, so shorter warm-ups
 * measure that one-off cost along with the steady state. {@code --switches} adds JMH's perfnorm profiler (Linux
 * perf) and a column of context switches per million ops: how often threads park and get preempted, far steadier
 * here than throughput. {@code --cpu} adds perfnorm's {@code task-clock}: the CPU time of the whole benchmark JVM
 * (workers, JIT, GC, the agent's or the peer's own threads) per op, in ns; lower is better, and its pairs are judged
 * that way. On contended8ShortSections it follows throughput (the workers fill about one of two CPUs whatever runs
 * beside them); on a single-threaded benchmark it shows what a tool's own threads burn on the idle CPU, which
 * throughput cannot.
 */
public final class AgentOverhead {
    private static final String SWITCHES = " context switches/M ops";
    private static final String CPU = " CPU ns/op";

    private AgentOverhead() {
    }

    public static void main(String[] args) throws Exception {
        String jar = "agent/target/lockscope-agent.jar";
        String bench = ".*";
        List<String> only = null;
        List<String> agentVariants = new ArrayList<>();
        int rounds = 1;
        int warmups = 3;
        int iterations = 5;
        int warmupOverride = -1;
        boolean switches = false;
        boolean cpu = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bench":
                    bench = args[++i];
                    break;
                case "--configs":
                    only = List.of(args[++i].split(","));
                    break;
                case "--agent":
                    agentVariants.add(args[++i]);
                    break;
                case "--rounds":
                    rounds = Integer.parseInt(args[++i]);
                    break;
                case "--short":
                    // Shorter forks, so more ABAB rounds fit: 2 x 1 s warm-up, 3 x 1 s measurement.
                    warmups = 2;
                    iterations = 3;
                    break;
                case "--warmup":
                    warmupOverride = Integer.parseInt(args[++i]);
                    break;
                case "--switches":
                    switches = true;
                    break;
                case "--cpu":
                    cpu = true;
                    break;
                default:
                    jar = args[i];
            }
        }
        if (warmupOverride >= 0) {
            warmups = warmupOverride;
        }
        Path agentJar = Paths.get(jar).toAbsolutePath();
        if (!Files.isRegularFile(agentJar)) {
            System.err.println("agent jar not found: " + agentJar + " (mvn -B -ntp -pl agent -am package -DskipTests)");
            System.exit(1);
        }
        Path tmp = Files.createTempDirectory("lockscope-bench");
        Path asprof = asyncProfilerLibrary(tmp);
        Path parkJfc = threadParkJfc(tmp.resolve("park0.jfc"), "0 ms");
        Map<String, String[]> configs = new LinkedHashMap<>();
        configs.put("no agent", new String[0]);
        configs.put("lockscope agent", new String[] {"-javaagent:" + agentJar + "=log=off"});
        // The same without the in-process JFR stream for synchronized: separates the stream's CPU from the hooks'.
        // The agent joins the native probe by default when eBPF is allowed (root): this shows what the join costs.
        // Hooks installed and every agent thread running, but the dispatch returns at once: the agent's idle cost.
        configs.put("lockscope agent enabled=false", new String[] {"-javaagent:" + agentJar + "=log=off,enabled=false"});
        configs.put("lockscope agent probe=off", new String[] {"-javaagent:" + agentJar + "=log=off,probe=off"});
        configs.put("lockscope agent monitors=false", new String[] {"-javaagent:" + agentJar + "=log=off,monitors=false"});
        // Construction sites not rewritten at all: what the budget check at a rewritten site costs on top.
        configs.put("lockscope agent sites=false", new String[] {"-javaagent:" + agentJar + "=log=off,sites=false"});
        configs.put("async-profiler lock=0", new String[] {"-agentpath:" + asprof + "=start,event=lock,lock=0,jfr,file=" + tmp.resolve("ap.jfr")});
        configs.put("JFR ThreadPark 0ms", new String[] {"-XX:StartFlightRecording:settings=" + parkJfc + ",filename=" + tmp.resolve("park.jfr")});
        if (only != null) {
            List<String> keep = only;
            configs.keySet().removeIf(k -> !k.equals("no agent") && !keep.contains(k));
        }
        for (String options : agentVariants) {
            configs.put("lockscope agent " + options, new String[] {"-javaagent:" + agentJar + "=log=off," + options});
        }

        for (Map.Entry<String, String[]> c : configs.entrySet()) {
            String refused = agentRefusal(c.getValue());
            if (refused != null) {
                System.err.println("configuration '" + c.getKey() + "' would run without the agent: " + refused);
                System.exit(1);
            }
        }

        List<Map<String, Map<String, Double>>> all = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            Map<String, Map<String, Double>> results = new LinkedHashMap<>();
            for (Map.Entry<String, String[]> c : rotated(configs, round)) {
                ChainedOptionsBuilder b = new OptionsBuilder()
                        .include(LockOverheadBench.class.getName() + "." + bench)
                        .forks(1).warmupIterations(warmups).warmupTime(TimeValue.seconds(1))
                        .measurementIterations(iterations).measurementTime(TimeValue.seconds(1))
                        .jvmArgsAppend(c.getValue());
                List<String> events = new ArrayList<>();
                if (switches) {
                    events.add("context-switches");
                }
                if (cpu) {
                    events.add("task-clock");
                }
                if (!events.isEmpty()) {
                    b.addProfiler(LinuxPerfNormProfiler.class, "events=" + String.join(",", events));
                }
                Collection<RunResult> rr = new Runner(b.build()).run();
                Map<String, Double> scores = new LinkedHashMap<>();
                for (RunResult r : rr) {
                    String name = r.getParams().getBenchmark();
                    String shortName = name.substring(name.lastIndexOf('.') + 1);
                    scores.put(shortName, r.getPrimaryResult().getScore());
                    Result cs = r.getSecondaryResults().get("context-switches");
                    if (cs != null) {
                        scores.put(shortName + SWITCHES, cs.getScore() * 1e6); // per op -> per million ops
                    }
                    Result clock = r.getSecondaryResults().get("task-clock");
                    if (clock != null) {
                        scores.put(shortName + CPU, clock.getScore() * 1e6); // perf counts task-clock in ms
                    }
                }
                results.put(c.getKey(), scores);
            }
            Map<String, Map<String, Double>> inOrder = new LinkedHashMap<>();
            configs.keySet().forEach(k -> inOrder.put(k, results.get(k)));
            all.add(inOrder);
        }
        for (int round = 0; round < all.size(); round++) {
            System.out.println(all.size() > 1 ? "\nround " + (round + 1) + ":" : "");
            System.out.println(table(all.get(round), null));
        }
        if (all.size() > 1) {
            System.out.println("\nmedian over " + all.size() + " rounds (throughput and ratio to \"no agent\" of the same round):");
            System.out.println(table(all.get(0), all));
            System.out.println("\npaired by round (the first / the second, each round run side by side):");
            System.out.println(pairs(configs.keySet(), all));
        }
        deleteTree(tmp);
    }

    /** Peers' configuration names start with these; every other configuration but the baseline is lockscope's. */
    private static final List<String> PEERS = List.of("async-profiler", "JFR");

    /**
     * The configurations {@code config} is paired with: "no agent" (unless it is "no agent"), and for a lockscope
     * configuration each peer among {@code names} as well.
     */
    public static List<String> comparedWith(String config, java.util.Collection<String> names) {
        List<String> against = new ArrayList<>();
        if (!config.equals("no agent")) {
            against.add("no agent");
        }
        if (config.startsWith("lockscope")) {
            names.stream().filter(n -> PEERS.stream().anyMatch(n::startsWith)).forEach(against::add);
        }
        return against;
    }

    /** async-profiler's native library (a peer), copied out of its Maven artifact into {@code dir}. */
    public static Path asyncProfilerLibrary(Path dir) throws java.io.IOException {
        Path lib = dir.resolve("libasyncProfiler.so");
        try (InputStream in = AgentOverhead.class.getResourceAsStream("/linux-x64/libasyncProfiler.so")) {
            Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
        }
        return lib;
    }

    /** Writes {@code file}: JFR settings with only jdk.ThreadPark enabled, with stack traces, from {@code threshold} (e.g. "0 ms"). */
    public static Path threadParkJfc(Path file, String threshold) throws java.io.IOException {
        Files.writeString(file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<configuration version=\"2.0\">\n"
                + "<event name=\"jdk.ThreadPark\"><setting name=\"enabled\">true</setting><setting name=\"stackTrace\">true</setting>"
                + "<setting name=\"threshold\">" + threshold + "</setting></event>\n</configuration>\n");
        return file;
    }

    /**
     * Each configuration against "no agent", and each lockscope configuration against each peer, with the median
     * ratio's 95% bootstrap interval: the goals are judged on these lines, not on one round.
     */
    static String pairs(java.util.Set<String> names, List<Map<String, Map<String, Double>>> rounds) {
        StringBuilder sb = new StringBuilder();
        for (String bn : rounds.get(0).get("no agent").keySet()) {
            if (bn.endsWith(SWITCHES)) {
                continue;
            }
            boolean costs = bn.endsWith(CPU);
            sb.append(bn).append(costs ? " (lower is ahead):\n" : ":\n");
            for (String a : names) {
                for (String b : comparedWith(a, names)) {
                    sb.append("  ").append(a).append(" / ").append(b).append(": ")
                            .append(costs ? PairedRatios.ofCost(scores(rounds, a, bn), scores(rounds, b, bn))
                                    : PairedRatios.of(scores(rounds, a, bn), scores(rounds, b, bn))).append('\n');
                }
            }
        }
        return sb.toString();
    }

    private static double[] scores(List<Map<String, Map<String, Double>>> rounds, String config, String bench) {
        return rounds.stream().mapToDouble(r -> r.get(config).getOrDefault(bench, Double.NaN)).toArray();
    }

    /** The copied profiler library and the peers' recordings are not results: nothing of them is kept. */
    public static void deleteTree(Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * The agent's refusal line when a JVM started with {@code jvmArgs} does not start the agent (an option it refuses),
     * else null: such a configuration would quietly measure no agent at all.
     */
    public static String agentRefusal(String[] jvmArgs) throws java.io.IOException, InterruptedException {
        if (java.util.Arrays.stream(jvmArgs).noneMatch(a -> a.startsWith("-javaagent:"))) {
            return null;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(jvmArgs));
        cmd.add("-version");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return out.lines().filter(l -> l.contains(AgentEntry.NOT_STARTED)).findFirst().orElse(null);
    }

    /**
     * The configurations in the order round {@code round} runs them: rotated by one each round, so no configuration
     * always runs first (or right after the same neighbour) and a drift on a shared machine is spread over all.
     */
    public static List<Map.Entry<String, String[]>> rotated(Map<String, String[]> configs, int round) {
        List<Map.Entry<String, String[]>> list = new ArrayList<>(configs.entrySet());
        java.util.Collections.rotate(list, -(round % list.size()));
        return list;
    }

    /** A Markdown table of one round, or (rounds != null) of each cell's median over the rounds. */
    private static String table(Map<String, Map<String, Double>> shape, List<Map<String, Map<String, Double>>> rounds) {
        List<String> benches = new ArrayList<>(shape.get("no agent").keySet());
        StringBuilder sb = new StringBuilder("| configuration |");
        for (String bn : benches) {
            sb.append(' ').append(bn).append(bn.endsWith(SWITCHES) || bn.endsWith(CPU) ? "" : " ops/us").append(" | ratio |");
        }
        sb.append("\n|---|");
        for (int i = 0; i < benches.size(); i++) {
            sb.append("---|---|");
        }
        for (String config : shape.keySet()) {
            sb.append("\n| ").append(config).append(" |");
            for (String bn : benches) {
                List<Map<String, Map<String, Double>>> rs = rounds == null ? List.of(shape) : rounds;
                double[] v = new double[rs.size()];
                double[] ratio = new double[rs.size()];
                for (int i = 0; i < rs.size(); i++) {
                    v[i] = rs.get(i).get(config).getOrDefault(bn, Double.NaN);
                    ratio[i] = v[i] / rs.get(i).get("no agent").get(bn);
                }
                sb.append(String.format(" %.3f | %.3fx |", Medians.of(v), Medians.of(ratio)));
            }
        }
        return sb.toString();
    }
}
