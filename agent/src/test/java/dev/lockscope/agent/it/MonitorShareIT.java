package dev.lockscope.agent.it;

import static dev.lockscope.agent.it.ChildJvm.AGENT_JAR;
import static dev.lockscope.agent.it.ChildJvm.WORK;
import static dev.lockscope.agent.it.ChildJvm.cmd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockscope.agent.monitor.MonitorOwnerShare;
import dev.lockscope.agent.monitor.OnCpuSnapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Owner on-CPU share of {@code synchronized} waits, interpolated from the agent's on-CPU snapshots: a monitor owner
 * spinning inside {@code synchronized} must show near 1, one sleeping inside it near 0; without the probe (user
 * nobody) the figure is absent and says why.
 */
class MonitorShareIT {
    private static final String SPIN = "dev.lockscope.agent.it.MonitorShareApp$SpinMonitor";
    private static final String SLEEP = "dev.lockscope.agent.it.MonitorShareApp$SleepMonitor";

    private static boolean root() {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root) {
            System.out.println("SKIPPED MonitorShareIT: not root, so the native probe has no eBPF rung (needs root or CAP_BPF+CAP_PERFMON)");
        }
        return root;
    }

    /**
     * probejoin|site|lockClass|share|measuredNs|futexCalls|futexWaits|onCpuSource|futexSource for a monitor class (one
     * instance each, named by where its waiters waited).
     */
    private static String[] joined(String dump, String monitorClass) {
        return dump.lines().map(l -> l.split("\\|", -1)).filter(f -> f[0].equals("probejoin") && f[2].equals(monitorClass))
                .findFirst().orElseThrow(() -> new AssertionError("no probejoin line for " + monitorClass + " in:\n" + dump));
    }

    private static double truth(String out, String phase) {
        return printed(out, "truth", phase);
    }

    private static double printed(String out, String what, String phase) {
        return out.lines().filter(l -> l.startsWith(what + "|" + phase + "|")).map(l -> Double.parseDouble(l.split("\\|")[2]))
                .findFirst().orElseThrow(() -> new AssertionError("no " + what + " for " + phase + " in " + out));
    }

    @Test
    void spinningOwnerNearOneSleepingOwnerNearZeroAsRoot() throws Exception {
        assumeTrue(root(), "not root");
        Path rec = WORK.resolve("monshare.jfr");
        Files.createDirectories(WORK);
        Files.deleteIfExists(rec);
        ChildJvm.Result r = ChildJvm.run(cmd(ChildJvm.java17().toString(), "-javaagent:" + AGENT_JAR + "=record=" + rec,
                "-cp", ChildJvm.classpath(), MonitorShareApp.class.getName()), 120);
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).as(r.toString()).endsWith("monshare done\n");
        String dump = AgentIT.dump(ChildJvm.java17(), rec);
        String[] spin = joined(dump, SPIN);
        String[] sleep = joined(dump, SLEEP);
        double spinShare = Double.parseDouble(spin[3]);
        double sleepShare = Double.parseDouble(sleep[3]);
        double spinTruth = truth(r.out, "spin");
        String counts = dump.lines().filter(l -> l.startsWith("monshare|")).reduce((a, b) -> b).orElse("monshare|none");
        System.out.printf("MonitorShareIT: spin owner share %.3f over %.0f ms of %.0f ms contended (thread CPU clock %.3f), sleep owner"
                        + " share %.3f over %.0f ms of %.0f ms (thread CPU clock %.3f); %s (measured|tooShort|notCovered)%n", spinShare,
                Long.parseLong(spin[4]) / 1e6, printed(r.out, "span", "spin"), spinTruth, sleepShare, Long.parseLong(sleep[4]) / 1e6,
                printed(r.out, "span", "sleep"), truth(r.out, "sleep"), counts);
        // The design's margin (MonitorShareApp): the holds are long enough for the fast snapshots, and each phase
        // outlasts the start that may go unmeasured (the first wait and its delivery, plus a late one) by
        // MEASURED_HOLDS holds, every one of which starts between fast snapshots.
        long shortestMeasurableMs = (long) (OnCpuSnapshots.INTERVAL_MS / (2 * MonitorOwnerShare.MAX_SHARE_ERROR));
        assertThat(MonitorShareApp.HOLD_MS).as("holds twice the shortest wait the fast snapshots measure").isGreaterThanOrEqualTo(2 * shortestMeasurableMs);
        long designed = MonitorShareApp.UNMEASURED_MS + MonitorShareApp.MEASURED_HOLDS * MonitorShareApp.ROUND_MS;
        assertThat(printed(r.out, "span", "spin")).as("spin contention lasted").isGreaterThanOrEqualTo(designed);
        assertThat(printed(r.out, "span", "sleep")).as("sleep contention lasted").isGreaterThanOrEqualTo(designed);
        // Tolerance: half of those holds' time. A wait is a few ms shorter than its hold (the waiter comes back after
        // its own 2 ms sleeps), and a loaded machine can stretch a snapshot gap past the 10 ms a 50 ms wait allows.
        long measuredFloor = MonitorShareApp.MEASURED_HOLDS * MonitorShareApp.HOLD_MS * 1_000_000L / 2;
        assertThat(Long.parseLong(spin[4])).as("spin wait time with a share").isGreaterThan(measuredFloor);
        assertThat(Long.parseLong(sleep[4])).as("sleep wait time with a share").isGreaterThan(measuredFloor);
        // Tolerances: the interpolation is off by at most 0.1 per wait (waits with a larger bound get no share).
        if (spinTruth >= 0.9) {
            assertThat(spinShare).as("owner spinning inside synchronized").isGreaterThanOrEqualTo(0.8);
        } else {
            System.out.printf("MonitorShareIT: machine loaded, spinning owner ran %.3f of its holds; comparing with that%n", spinTruth);
            assertThat(spinShare).isBetween(spinTruth - 0.15, Math.min(1.0, spinTruth + 0.15));
        }
        assertThat(sleepShare).as("owner sleeping inside synchronized").isBetween(0.0, 0.2);
        assertThat(spin[7]).startsWith("sampled: owner's cumulative on-CPU ns from the eBPF sched_switch map (snapshots every 5 ms while");
        assertThat(counts).matches("monshare\\|[1-9][0-9]*\\|[0-9]+\\|[0-9]+");
    }

    @Test
    void asNobodyTheMonitorShareIsAbsentWithTheReason() throws Exception {
        ChildJvm.NobodyRun run = ChildJvm.runAsNobody("", MonitorShareApp.class, "2500");
        ChildJvm.Result r = run.result();
        Path rec = run.recording();
        assertThat(r.exit).as(r.toString()).isZero();
        String dump = AgentIT.dump(ChildJvm.java17(), rec);
        for (String monitor : List.of(SPIN, SLEEP)) {
            String[] j = joined(dump, monitor);
            assertThat(j[3]).isEqualTo("-1.0");
            assertThat(j[7]).startsWith("not measured: native probe has no eBPF rung here");
        }
        assertThat(dump).as("no monitor wait was given a share").contains("monshare|0|0|0");
    }
}
