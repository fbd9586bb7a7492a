package dev.lockscope.agent.it;

import static dev.lockscope.agent.it.ChildJvm.AGENT_JAR;
import static dev.lockscope.agent.it.ChildJvm.WORK;
import static dev.lockscope.agent.it.ChildJvm.cmd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The agent joined with the native probe: a lock whose owner spins while holding it must show the owner on a
 * CPU for most of the wait, one whose owner sleeps must not; futex calls are counted when counting windows run;
 * without eBPF (user nobody) the figures stay -1 and ProbeStatus says why.
 */
class ProbeJoinIT {
    private static final String SPIN_SITE = "dev.lockscope.agent.it.ProbeJoinApp.<clinit>:";
    private static final String RL = "java.util.concurrent.locks.ReentrantLock";

    private static boolean root() {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root) {
            System.out.println("SKIPPED ProbeJoinIT: not root, so the native probe has no eBPF rung to join (needs root or CAP_BPF+CAP_PERFMON)");
        }
        return root;
    }

    /** probejoin|site|lockClass|share|measuredNs|futexCalls|futexWaits|onCpuSource|futexSource */
    private static String[] joined(String dump, String marker) throws Exception {
        String site = SPIN_SITE + ChildJvm.lineOf("ProbeJoinApp.java", marker);
        for (String line : dump.split("\n")) {
            String[] f = line.split("\\|", -1);
            if (f[0].equals("probejoin") && f[1].equals(site) && f[2].equals(RL)) {
                return f;
            }
        }
        throw new AssertionError("no probejoin line for " + site + " in:\n" + dump);
    }

    private static double truth(String out, String phase) {
        return out.lines().filter(l -> l.startsWith("truth|" + phase + "|")).map(l -> Double.parseDouble(l.split("\\|")[2]))
                .findFirst().orElseThrow(() -> new AssertionError("no ground truth for " + phase + " in " + out));
    }

    private static ChildJvm.Result runApp(Path java, List<String> jvmFlags, String agentArgs, Path rec) throws Exception {
        Files.createDirectories(WORK);
        Files.deleteIfExists(rec);
        List<String> c = cmd(java.toString());
        c.addAll(jvmFlags);
        c.addAll(List.of("-javaagent:" + AGENT_JAR + "=log=verbose,record=" + rec + agentArgs, "-cp", ChildJvm.classpath(), ProbeJoinApp.class.getName(), "2500"));
        ChildJvm.Result r = ChildJvm.run(c, 120);
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).as(r.toString()).endsWith("probejoin done\n");
        assertThat(r.err).doesNotContain("Exception").doesNotContain("WARNING: A restricted method");
        return r;
    }

    /** The owner's share must be high while it spins; on a loaded machine it cannot exceed what the owner got. */
    private static void assertSpinShare(double share, double truth) {
        if (truth >= 0.9) {
            assertThat(share).as("owner spinning while holding (owner's own thread CPU clock share %.3f)", truth).isGreaterThanOrEqualTo(0.8);
        } else {
            System.out.printf("ProbeJoinIT: machine loaded, the spinning owner was on CPU only %.3f of its holds (thread CPU clock);"
                    + " checking the measured share %.3f against that instead of >= 0.8%n", truth, share);
            assertThat(share).as("owner on-CPU share vs the owner's thread CPU clock").isBetween(truth - 0.1, Math.min(1.0, truth + 0.1));
        }
    }

    @Test
    void ownerOnCpuShareAndFutexCallsAreMeasuredAsRoot() throws Exception {
        assumeTrue(root(), "not root");
        Path rec = WORK.resolve("probejoin-17.jfr");
        ChildJvm.Result r = runApp(ChildJvm.java17(), List.of(), ",futexDuty=1000/1000", rec);
        String dump = AgentIT.dump(ChildJvm.java17(), rec);
        String[] spin = joined(dump, "PROBEJOIN-SPIN");
        String[] sleep = joined(dump, "PROBEJOIN-SLEEP");
        double spinShare = Double.parseDouble(spin[3]);
        double sleepShare = Double.parseDouble(sleep[3]);
        System.out.printf("ProbeJoinIT JDK 17: spin owner share %.3f over %.0f ms measured (thread CPU clock %.3f), sleep owner share %.3f over %.0f ms"
                        + " (thread CPU clock %.3f); futex calls spin %s in %s waits, sleep %s in %s waits%n",
                spinShare, Long.parseLong(spin[4]) / 1e6, truth(r.out, "spin"), sleepShare, Long.parseLong(sleep[4]) / 1e6,
                truth(r.out, "sleep"), spin[5], spin[6], sleep[5], sleep[6]);
        // Most of the ~60 x 20 ms of holds must have been measured (the first wait may precede the owner's registration).
        assertThat(Long.parseLong(spin[4])).as("spin wait time measured").isGreaterThan(ProbeJoinApp.ROUNDS / 2 * ProbeJoinApp.HOLD_MS * 1_000_000L / 2);
        assertThat(Long.parseLong(sleep[4])).as("sleep wait time measured").isGreaterThan(ProbeJoinApp.ROUNDS / 2 * ProbeJoinApp.HOLD_MS * 1_000_000L / 2);
        assertSpinShare(spinShare, truth(r.out, "spin"));
        assertThat(sleepShare).as("owner sleeping while holding").isBetween(0.0, 0.2);
        assertThat(spin[7]).startsWith("measured: eBPF sched_switch");
        // Every wait parks the waiter (futex wait) and is ended by the owner's unpark (futex wake).
        assertThat(Long.parseLong(spin[5])).as("futex calls during spin waits").isPositive();
        assertThat(Long.parseLong(sleep[5])).as("futex calls during sleep waits").isPositive();
        assertThat(Long.parseLong(sleep[6])).as("waits counted").isGreaterThan(ProbeJoinApp.ROUNDS / 2);
        assertThat(spin[8]).startsWith("measured: eBPF sys_enter futex counts of waiter + owner, counting windows 1000/1000");
        assertThat(dump).contains("probe|true||measured: eBPF sched_switch");
        String lastAgent = dump.lines().filter(l -> l.startsWith("agent|")).reduce((a, b) -> b).orElseThrow();
        assertThat(lastAgent.split("\\|")[3]).as("hook errors").isEqualTo("0");
        // Per-wait events carry the same figures with their sources.
        String sleepSite = SPIN_SITE + ChildJvm.lineOf("ProbeJoinApp.java", "PROBEJOIN-SLEEP");
        List<String[]> sleepWaits = dump.lines().map(l -> l.split("\\|", -1))
                .filter(f -> f[0].equals("wait") && f[1].equals(sleepSite) && Double.parseDouble(f[5]) >= 0).collect(Collectors.toList());
        assertThat(sleepWaits).as("measured per-wait events of the sleeping owner").hasSizeGreaterThan(ProbeJoinApp.ROUNDS / 2);
        for (String[] w : sleepWaits) {
            assertThat(Double.parseDouble(w[5])).as("one wait on the sleeping owner").isLessThanOrEqualTo(0.2);
            assertThat(w[7]).startsWith("measured: eBPF sched_switch");
        }
        assertThat(sleepWaits.stream().filter(w -> Long.parseLong(w[6]) > 0).count()).as("waits with futex calls counted").isPositive();
    }

    @Test
    void withoutFutexWindowsTheCallsSayNotCountedAndJdk25NeedsNativeAccess() throws Exception {
        assumeTrue(root(), "not root");
        Optional<Path> j25 = ChildJvm.java25();
        Path java = j25.orElse(ChildJvm.java17());
        if (j25.isEmpty()) {
            System.out.println("SKIPPED JDK 25 part of ProbeJoinIT: no JDK 25 under /usr/lib/jvm; running on JDK 17");
        }
        Path rec = WORK.resolve("probejoin-nofutex.jfr");
        ChildJvm.Result r = runApp(java, j25.isPresent() ? List.of("--enable-native-access=ALL-UNNAMED") : List.of(), "", rec);
        String dump = AgentIT.dump(java, rec);
        String[] spin = joined(dump, "PROBEJOIN-SPIN");
        String[] sleep = joined(dump, "PROBEJOIN-SLEEP");
        System.out.printf("ProbeJoinIT %s, no futex windows: spin owner share %s (thread CPU clock %.3f), sleep owner share %s%n",
                java, spin[3], truth(r.out, "spin"), sleep[3]);
        assertSpinShare(Double.parseDouble(spin[3]), truth(r.out, "spin"));
        assertThat(Double.parseDouble(sleep[3])).isBetween(0.0, 0.2);
        assertThat(spin[5]).isEqualTo("-1");
        assertThat(spin[8]).startsWith("not counted: futex-counting windows are off");
        assertThat(dump).contains("probe|true|not counted: futex-counting windows are off");

        if (j25.isPresent()) {
            // Without native access the JVM would print warnings into the host's stderr: the probe stays out and says why.
            Path quiet = WORK.resolve("probejoin-25-quiet.jfr");
            runApp(java, List.of(), "", quiet);
            String q = AgentIT.dump(java, quiet);
            assertThat(q).contains("probe|false|on JDK 25 loading the probe's native library would print");
            assertThat(joined(q, "PROBEJOIN-SPIN")[3]).isEqualTo("-1.0");
        }
    }

    @Test
    void asNobodyTheAgentRunsAndSaysWhyFiguresAreMissing() throws Exception {
        ChildJvm.NobodyRun run = ChildJvm.runAsNobody("futexDuty=1000/1000", ProbeJoinApp.class, "2500");
        ChildJvm.Result r = run.result();
        Path rec = run.recording();
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).endsWith("probejoin done\n");
        // The one start line says why the probe is off.
        assertThat(r.err).contains("[lockscope] agent ").contains("; native probe off (native probe has no eBPF rung here");
        String dump = AgentIT.dump(ChildJvm.java17(), rec);
        String[] spin = joined(dump, "PROBEJOIN-SPIN");
        assertThat(spin[3]).isEqualTo("-1.0");
        assertThat(spin[5]).isEqualTo("-1");
        assertThat(spin[7]).startsWith("not measured: native probe has no eBPF rung here");
        assertThat(spin[8]).startsWith("not measured: native probe has no eBPF rung here");
        assertThat(dump).containsPattern("probe\\|false\\|native probe has no eBPF rung here: [^|]*(CAP_BPF|Operation not permitted|EPERM)");
    }
}
