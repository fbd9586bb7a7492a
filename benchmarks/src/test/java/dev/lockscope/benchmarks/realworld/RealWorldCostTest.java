package dev.lockscope.benchmarks.realworld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RealWorldCostTest {

    @Test
    void figuresAreTheNumericKeyValueLinesOfTheDriversStdout() {
        Map<String, Double> f = RealWorldCost.figures("""
                some banner
                ready.ms=2345
                ops=12000
                ops.per.second=4000.5
                cpu.ns.per.op=-1
                rss.peak.kb=312456
                errors=0
                note=not a number
                Key=1
                """);
        assertEquals(Map.of("ready.ms", 2345.0, "ops", 12000.0, "ops.per.second", 4000.5, "cpu.ns.per.op", -1.0,
                "rss.peak.kb", 312456.0, "errors", 0.0), f);

        RealWorldCost.Run ok = new RealWorldCost.Run(0, null, f, "");
        assertEquals(4000.5, ok.figure("ops.per.second"));
        assertTrue(Double.isNaN(ok.figure("cpu.ns.per.op")), "-1 is the drivers' 'unknown'");
        assertTrue(Double.isNaN(ok.figure("missing")));
        RealWorldCost.Run failed = new RealWorldCost.Run(1, "exit code 1", f, "");
        assertTrue(Double.isNaN(failed.figure("ops.per.second")), "a failed run is not counted");
    }

    @Test
    void theAgentsLinesAreTheOnesItPrefixes() {
        RealWorldCost.Run r = new RealWorldCost.Run(0, null, Map.of(), "WARNING: x\n[lockscope] native probe joined\nmore\n");
        assertEquals(List.of("[lockscope] native probe joined"), r.agentLines());
    }

    @Test
    void theHolderlessSettingsDisableExactlyTheHolderEvents(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path jfc = Path.of("..", "jfr-events/src/main/resources/dev/lockscope/events/lockscope.jfc");
        jdk.jfr.Configuration full = jdk.jfr.Configuration.create(jfc);
        jdk.jfr.Configuration cut = jdk.jfr.Configuration.create(RealWorldCost.withoutHolderEvents(jfc, tmp.resolve("cut.jfc")));
        for (Map.Entry<String, String> e : full.getSettings().entrySet()) {
            String event = e.getKey().substring(0, e.getKey().indexOf('#'));
            boolean holder = RealWorldCost.HOLDER_EVENTS.contains(event) && e.getKey().endsWith("#enabled");
            assertEquals(holder ? "false" : e.getValue(), cut.getSettings().get(e.getKey()), e.getKey());
        }
        assertEquals(full.getSettings().keySet(), cut.getSettings().keySet());
    }

    @Test
    void eachRoundStartsOneConfigurationLater() {
        Map<String, String[]> configs = new LinkedHashMap<>();
        for (String c : List.of("no agent", "lockscope agent", "JFR lockscope.jfc")) {
            configs.put(c, new String[0]);
        }
        assertEquals(List.of("no agent", "lockscope agent", "JFR lockscope.jfc"), RealWorldCost.order(configs, 0));
        assertEquals(List.of("lockscope agent", "JFR lockscope.jfc", "no agent"), RealWorldCost.order(configs, 1));
        assertEquals(List.of("JFR lockscope.jfc", "no agent", "lockscope agent"), RealWorldCost.order(configs, 2));
        assertEquals(RealWorldCost.order(configs, 0), RealWorldCost.order(configs, 3));
    }

    @Test
    void optionsHaveDefaultsAndPickSubsets() throws Exception {
        RealWorldCost.Options d = RealWorldCost.parse(new String[0]);
        assertEquals(List.copyOf(RealWorldCost.APPS.keySet()), d.apps());
        assertNull(d.configs());
        assertEquals(1, d.rounds());
        assertEquals(10, d.seconds());
        assertEquals(5, d.warmup());

        RealWorldCost.Options o = RealWorldCost.parse(new String[] {"--apps", "spring-service,kafka-broker", "--configs",
                "lockscope agent,JFR ThreadPark 20us", "--agent", "monitors=false", "--agent", "probe=off", "--rounds", "3",
                "--seconds", "2.5", "--warmup", "0", "--threads", "4", "--root", "/x", "--jvm", "-Xmx1g", "--jvm", "-Xms1g",
                "--agent-jar", "before=/tmp/old=1.jar"});
        assertEquals(List.of("spring-service", "kafka-broker"), o.apps());
        assertEquals(List.of("lockscope agent", "JFR ThreadPark 20us"), o.configs());
        assertEquals(List.of("monitors=false", "probe=off"), o.agentVariants());
        assertEquals(3, o.rounds());
        assertEquals(2.5, o.seconds());
        assertEquals(0, o.warmup());
        assertEquals(4, o.threads());
        assertEquals(Path.of("/x"), o.root());
        assertEquals(List.of("-Xmx1g", "-Xms1g"), o.jvmArgs());
        assertTrue(d.jvmArgs().isEmpty());
        assertEquals(Map.of("before", Path.of("/tmp/old=1.jar")), o.agentJars());
        assertTrue(d.agentJars().isEmpty());
    }

    @Test
    void aWrongArgumentIsOneLineAndExitTwo() throws Exception {
        for (String[] args : List.of(
                new String[] {"--rounds", "x"},
                new String[] {"--rounds", "0"},
                new String[] {"--seconds", "0"},
                new String[] {"--warmup", "-1"},
                new String[] {"--threads", "1.5"},
                new String[] {"--seconds"},
                new String[] {"--apps", "tomcat"},
                new String[] {"--apps", ","},
                new String[] {"--configs", "lockscope agent,JFR"},
                new String[] {"--frobnicate", "1"},
                new String[] {"--jvm", "Xmx1g"},
                new String[] {"--agent-jar", "old.jar"},
                new String[] {"--agent-jar", "=old.jar"},
                new String[] {"--agent-jar", "before="},
                new String[] {"agent.jar"})) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = RealWorldCost.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            String message = err.toString(StandardCharsets.UTF_8);
            assertEquals(2, exit, String.join(" ", args));
            assertEquals(1, message.lines().count(), message);
            assertTrue(message.startsWith("usage: "), message);
            assertEquals("", out.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void pairsPrintEveryConfigurationAgainstNoAgentAndLockscopeAgainstEachPeer() {
        Map<String, List<RealWorldCost.Run>> runs = new LinkedHashMap<>();
        runs.put("no agent", List.of(run(1000, 300_000), run(1100, 310_000)));
        runs.put("lockscope agent", List.of(run(990, 340_000), run(1080, 345_000)));
        runs.put("JFR ThreadPark 20us", List.of(run(1000, 305_000), run(1090, 312_000)));
        String p = RealWorldCost.pairs(runs, List.of());
        assertTrue(!p.contains("time to ready"), "no ready.ms figure, no such section:\n" + p);
        assertTrue(p.contains("throughput (higher is ahead):\n  lockscope agent / no agent: 0.986x"), p);
        assertTrue(p.contains("  lockscope agent / JFR ThreadPark 20us: "), p);
        assertTrue(p.contains("  JFR ThreadPark 20us / no agent: "), p);
        assertTrue(!p.contains("JFR ThreadPark 20us / lockscope agent"), p);
        // (340000 - 300000) and (345000 - 310000) KB: 39.1 and 34.2 MB, median 36.6
        assertTrue(p.contains("lockscope agent / no agent: ") && p.contains("; median difference +36.6 MB"), p);

        String t = RealWorldCost.table(runs);
        assertTrue(t.startsWith("| configuration | median ready.ms | median ops/s | median CPU ns/op"
                + " | median CPU ns/op without JIT | median peak RSS MB | median live heap MB | runs counted |"), t);
        assertTrue(t.contains("| lockscope agent | - | 1035.0 | - | - | 334.5 | - | 2 of 2 |"), t);
    }

    @Test
    void thisBuildOfTheAgentIsPairedWithTheOtherBuildsGiven() {
        Map<String, List<RealWorldCost.Run>> runs = new LinkedHashMap<>();
        runs.put("no agent", List.of(run(1000, 300_000), run(1000, 300_000)));
        runs.put("lockscope agent", List.of(run(990, 300_000), run(990, 300_000)));
        runs.put("lockscope agent before", List.of(run(900, 300_000), run(900, 300_000)));
        String p = RealWorldCost.pairs(runs, List.of("lockscope agent before"));
        assertTrue(p.contains("  lockscope agent / lockscope agent before: 1.100x"), p);
        assertTrue(p.contains("  lockscope agent before / no agent: 0.900x"), p);
        assertTrue(!p.contains("lockscope agent before / lockscope agent:"), p);
        assertTrue(!RealWorldCost.pairs(runs, List.of()).contains("lockscope agent / lockscope agent before"));
    }

    @Test
    void cpuPerOpWithoutTheJitIsPairedBesideTheWholeProcesssSoALateCompileIsToldFromASteadyCost() {
        Map<String, List<RealWorldCost.Run>> runs = new LinkedHashMap<>();
        runs.put("no agent", List.of(cpuRun(1000, 990), cpuRun(1000, 990)));
        // The agent's run compiled 100 ns/op more; outside the compilers it cost the same.
        runs.put("lockscope agent", List.of(cpuRun(1100, 990), cpuRun(1100, 990)));
        String p = RealWorldCost.pairs(runs, List.of());
        assertTrue(p.contains("CPU per op (lower is ahead):\n  lockscope agent / no agent: 1.100x"), p);
        assertTrue(p.contains("CPU per op without the JIT compilers (lower is ahead):\n  lockscope agent / no agent: 1.000x"), p);
        assertTrue(RealWorldCost.table(runs).contains("| lockscope agent | - | - | 1100 | 990 |"), RealWorldCost.table(runs));
    }

    private static RealWorldCost.Run cpuRun(double cpuNsPerOp, double withoutJit) {
        return new RealWorldCost.Run(0, null, Map.of("cpu.ns.per.op", cpuNsPerOp, "cpu.ns.per.op.without.jit", withoutJit), "");
    }

    @Test
    void theHolderEventsCostIsPrintedAsLockscopeJfcAgainstItsHolderlessVariant() {
        Map<String, List<RealWorldCost.Run>> runs = new LinkedHashMap<>();
        runs.put("no agent", List.of(run(1000, 300_000), run(1100, 310_000)));
        runs.put(RealWorldCost.JFR_LOCKSCOPE, List.of(run(900, 320_000), run(990, 330_000)));
        runs.put(RealWorldCost.JFR_LOCKSCOPE_NO_HOLDERS, List.of(run(1000, 320_000), run(1100, 330_000)));
        String p = RealWorldCost.pairs(runs, List.of());
        assertTrue(p.contains("  JFR lockscope.jfc / JFR lockscope.jfc without holder events: 0.900x"), p);
        assertTrue(!p.contains("without holder events / JFR lockscope.jfc:"), p);
    }

    private static RealWorldCost.Run run(double opsPerSecond, double rssKb) {
        return new RealWorldCost.Run(0, null, Map.of("ops.per.second", opsPerSecond, "rss.peak.kb", rssKb), "");
    }
}
