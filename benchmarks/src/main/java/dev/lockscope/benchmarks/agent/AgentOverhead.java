package dev.lockscope.benchmarks.agent;

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
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link LockOverheadBench} side by side in one run under: no agent, the lockscope agent, async-profiler
 * in lock mode (threshold 0), and JFR with jdk.ThreadPark at threshold 0; prints throughput and ratios to the
 * baseline as a Markdown table.
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.lockscope.benchmarks.agent.AgentOverhead [agentJar]</pre>
 */
public final class AgentOverhead {
    private AgentOverhead() {
    }

    public static void main(String[] args) throws Exception {
        Path agentJar = Paths.get(args.length > 0 ? args[0] : "agent/target/lockscope-agent.jar").toAbsolutePath();
        if (!Files.isRegularFile(agentJar)) {
            System.err.println("agent jar not found: " + agentJar + " (mvn -B -ntp -pl agent -am package -DskipTests)");
            System.exit(1);
        }
        Path tmp = Files.createTempDirectory("lockscope-bench");
        Path asprof = tmp.resolve("libasyncProfiler.so");
        try (InputStream in = AgentOverhead.class.getResourceAsStream("/linux-x64/libasyncProfiler.so")) {
            Files.copy(in, asprof, StandardCopyOption.REPLACE_EXISTING);
        }
        Path parkJfc = tmp.resolve("park0.jfc");
        Files.writeString(parkJfc, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<configuration version=\"2.0\">\n"
                + "<event name=\"jdk.ThreadPark\"><setting name=\"enabled\">true</setting><setting name=\"stackTrace\">true</setting>"
                + "<setting name=\"threshold\">0 ms</setting></event>\n</configuration>\n");
        Map<String, String[]> configs = new LinkedHashMap<>();
        configs.put("no agent", new String[0]);
        configs.put("lockscope agent", new String[] {"-javaagent:" + agentJar + "=log=off"});
        // The same without the in-process JFR stream for synchronized: separates the stream's CPU from the hooks'.
        // The agent joins the native probe by default when eBPF is allowed (root): this shows what the join costs.
        configs.put("lockscope agent probe=off", new String[] {"-javaagent:" + agentJar + "=log=off,probe=off"});
        configs.put("lockscope agent monitors=false", new String[] {"-javaagent:" + agentJar + "=log=off,monitors=false"});
        configs.put("async-profiler lock=0", new String[] {"-agentpath:" + asprof + "=start,event=lock,lock=0,jfr,file=" + tmp.resolve("ap.jfr")});
        configs.put("JFR ThreadPark 0ms", new String[] {"-XX:StartFlightRecording:settings=" + parkJfc + ",filename=" + tmp.resolve("park.jfr")});

        Map<String, Map<String, Double>> results = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> c : configs.entrySet()) {
            ChainedOptionsBuilder b = new OptionsBuilder()
                    .include(LockOverheadBench.class.getName())
                    .forks(1).warmupIterations(3).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                    .jvmArgsAppend(c.getValue());
            Collection<RunResult> rr = new Runner(b.build()).run();
            Map<String, Double> scores = new LinkedHashMap<>();
            for (RunResult r : rr) {
                String name = r.getParams().getBenchmark();
                scores.put(name.substring(name.lastIndexOf('.') + 1), r.getPrimaryResult().getScore());
            }
            results.put(c.getKey(), scores);
        }
        List<String> benches = new ArrayList<>(results.get("no agent").keySet());
        StringBuilder sb = new StringBuilder("\n| configuration |");
        for (String bn : benches) {
            sb.append(' ').append(bn).append(" ops/us | ratio |");
        }
        sb.append("\n|---|");
        for (int i = 0; i < benches.size(); i++) {
            sb.append("---|---|");
        }
        for (Map.Entry<String, Map<String, Double>> e : results.entrySet()) {
            sb.append("\n| ").append(e.getKey()).append(" |");
            for (String bn : benches) {
                double v = e.getValue().getOrDefault(bn, Double.NaN);
                sb.append(String.format(" %.3f | %.3fx |", v, v / results.get("no agent").get(bn)));
            }
        }
        System.out.println(sb);
    }
}
