package dev.lockscope.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lockscope.advisor.Durations;
import dev.lockscope.advisor.Verdict;
import dev.lockscope.analyzer.read.JmcRecordingReader;
import dev.lockscope.analyzer.report.HolderProfile;
import dev.lockscope.analyzer.report.Report;
import dev.lockscope.analyzer.report.Report.LockRow;
import dev.lockscope.events.LockSummary;
import dev.lockscope.events.LockWait;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import jdk.jfr.Recording;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The owners' preempted share the agent wrote per wait (dev.lockscope.LockWait ownerPreemptedShare) reaches the
 * advisor as the same figure the holder profile shows: two ReentrantLocks with long hold spans and owners on a CPU 30%
 * of the waiting time, one whose owners sat preempted 60% of it (without a runnable-threads sample: "fewer threads"
 * all the same), one whose owners were preempted 5% of it among many runnable threads (which alone would say "fewer
 * threads": the measurement overrules it).
 */
class AgentPreemptedOwnersEvidenceTest {
    static final String PREEMPTED_SITE = "com.example.Preempted.<init>:7";
    static final String BLOCKED_SITE = "com.example.Blocked.<init>:9";
    static final int WAITS = 20;
    static final String SOURCE = "measured: eBPF sched_switch map, owner's cumulative on-CPU and run-queue ns read at "
            + "wait start and end";

    @TempDir
    static Path dir;
    static Report report;

    /** Three periods of 2 s of waits each, 1 ms hold spans, owners on a CPU 30% of the waiting time. */
    private static void summaries(String site, double runnable) {
        for (int period = 0; period < 3; period++) {
            LockSummary e = AgentSummaries.constructed("java.util.concurrent.locks.ReentrantLock$NonfairSync", site,
                    1000, 2_000_000_000L);
            e.maxWait = 9_000_000;
            e.waitHistogram = "0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1000";
            e.holds = 500;
            e.holdTime = 500 * 1_000_000L;
            e.maxHold = 5_000_000;
            e.ownerOnCpuShare = 0.3;
            e.ownerMeasuredWaitTime = 2_000_000_000L;
            e.ownerOnCpuSource = SOURCE;
            e.runnableThreadsPerCpu = runnable;
            e.runnableSource = runnable < 0 ? "not sampled: /proc/self/task is not readable here"
                    : "sampled (/proc/self/task/*/stat): 2 CPUs available, mean of 20 samples";
            e.commit();
        }
    }

    /** {@link #WAITS} profiled waits of about 2 ms each, their owner {@code owner} split as given. */
    private static void waits(String site, Thread owner, double onCpu, double preempted) throws InterruptedException {
        for (int i = 0; i < WAITS; i++) {
            LockWait w = new LockWait();
            w.begin();
            Thread.sleep(2);
            w.end();
            w.lockClass = "java.util.concurrent.locks.ReentrantLock$NonfairSync";
            w.site = site;
            w.siteKind = "constructed";
            w.lockId = site.hashCode();
            w.mode = "exclusive";
            w.owner = owner;
            w.acquired = true;
            w.source = "measured: agent hooks";
            w.ownerOnCpuShare = onCpu;
            w.ownerOnCpuSource = SOURCE;
            w.ownerPreemptedShare = preempted;
            w.ownerOffCpuVoluntaryShare = 1 - onCpu - preempted;
            w.futexCalls = -1;
            w.commit();
        }
    }

    @BeforeAll
    static void record() throws Exception {
        Path file = dir.resolve("agent-preempted.jfr");
        CountDownLatch done = new CountDownLatch(1);
        // A live owner other than the waiter: JFR writes an unstarted thread without its id.
        Thread owner = new Thread(() -> {
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lock-owner");
        owner.start();
        try (Recording r = new Recording()) {
            r.enable(LockSummary.class);
            r.enable(LockWait.class).withThreshold(java.time.Duration.ZERO);
            r.enable("jdk.JavaThreadStatistics").withPeriod(java.time.Duration.ofMillis(100));
            r.start();
            summaries(PREEMPTED_SITE, -1);
            summaries(BLOCKED_SITE, 5.0);
            waits(PREEMPTED_SITE, owner, 0.3, 0.6);
            waits(BLOCKED_SITE, owner, 0.3, 0.05);
            Thread.sleep(200);
            r.stop();
            r.dump(file);
        } finally {
            done.countDown();
            owner.join();
        }
        report = Analysis.analyze(List.of(file), new JmcRecordingReader(), Analysis.ProgressListener.NONE);
    }

    private static LockRow row(String site) {
        return report.locks().stream().filter(l -> l.agent() != null && l.agent().constructionSite().equals(site))
                .findFirst().orElseThrow(() -> new AssertionError("no row for " + site + " in " + report.locks()));
    }

    /** The evidence line of the preempted share, which must quote the holder profile's figure. */
    private static String preemptedLine(LockRow r) {
        HolderProfile.OwnerCpu cpu = r.holders().ownerCpu();
        assertThat(cpu.available()).as(String.valueOf(cpu.unavailableReason())).isTrue();
        assertThat(cpu.waits()).isEqualTo(WAITS);
        String line = r.advice().evidence().stream()
                .filter(l -> l.startsWith("owners runnable but preempted while others waited ")).findFirst()
                .orElseThrow(() -> new AssertionError("no preempted line in " + r.advice().evidence()));
        assertThat(line).isEqualTo("owners runnable but preempted while others waited "
                + Durations.percent(cpu.share("preempted")) + " (measured: eBPF run-queue time of the owners during "
                + "the agent's profiled waits (" + LockWait.NAME + "), over " + WAITS + " waits, "
                + Durations.format(cpu.waitNanos()) + ")");
        return line;
    }

    @Test
    void ownersPreemptedMostOfTheWaitingTimeGiveFewerThreadsWithoutARunnableSample() {
        LockRow r = row(PREEMPTED_SITE);
        assertThat(r.holders().ownerCpu().share("preempted")).isCloseTo(0.6, within(1e-6));
        assertThat(preemptedLine(r)).contains(" 60.0% (measured: ");
        assertThat(r.agent().runnableThreadsPerCpu()).isEqualTo(-1);
        assertThat(r.advice().verdict()).isEqualTo(Verdict.FEWER_THREADS);
        assertThat(r.advice().reason()).startsWith("its owners sat preempted (runnable, waiting for a CPU) during "
                + "60.0% of the waiting time (measured: eBPF run-queue time");
    }

    /** A small share decides nothing (see the advisor): many runnable threads still ask for fewer threads. */
    @Test
    void ownersSeldomPreemptedLeaveTheRunnableThreadsToDecide() {
        LockRow r = row(BLOCKED_SITE);
        assertThat(preemptedLine(r)).contains(" " + Durations.percent(0.05) + " (measured: ");
        assertThat(r.agent().runnableThreadsPerCpu()).isEqualTo(5.0);
        assertThat(r.advice().verdict()).isEqualTo(Verdict.FEWER_THREADS);
    }
}
