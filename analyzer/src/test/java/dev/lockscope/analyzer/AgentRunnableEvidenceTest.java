package dev.lockscope.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.advisor.Verdict;
import dev.lockscope.analyzer.read.JmcRecordingReader;
import dev.lockscope.analyzer.report.Report;
import dev.lockscope.analyzer.report.Report.LockRow;
import dev.lockscope.events.LockSummary;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's runnable-threads figure (dev.lockscope.LockSummary runnableThreadsPerCpu) reaches the advisor: a
 * lock whose owners are preempted among many runnable threads gets "fewer threads", the same lock among few
 * runnable threads does not, and a lock without the figure says why it is missing.
 */
class AgentRunnableEvidenceTest {
    private static final String SAMPLED = "sampled (/proc/self/task/*/stat): this process's threads in state R (running or"
            + " runnable) per CPU, 2 CPUs available, mean of 20 samples";

    @TempDir
    static Path dir;
    static Report report;

    /** Three periods of one ReentrantLock: 2 s of waits each, 3 us holds, owners on CPU {@code onCpu} of the time. */
    private static void summaries(String site, double onCpu, double runnable, String runnableSource) {
        for (int period = 0; period < 3; period++) {
            LockSummary e = AgentSummaries.constructed("java.util.concurrent.locks.ReentrantLock$NonfairSync", site,
                    1000, 2_000_000_000L);
            e.maxWait = 9_000_000;
            e.waitHistogram = "0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1000";
            e.holds = 500;
            e.holdTime = 500 * 3_000L;
            e.maxHold = 9_000;
            e.ownerOnCpuShare = onCpu;
            e.ownerMeasuredWaitTime = 2_000_000_000L;
            e.ownerOnCpuSource = "measured: eBPF sched_switch map, owner's cumulative on-CPU ns read at wait start and end";
            e.futexCalls = 2000;
            e.futexWaits = 1000;
            e.futexSource = "measured: eBPF sys_enter futex counts";
            e.runnableThreadsPerCpu = runnable;
            e.runnableSource = runnableSource;
            e.commit();
        }
    }

    @BeforeAll
    static void record() throws Exception {
        Path file = dir.resolve("agent-runnable.jfr");
        try (Recording r = new Recording()) {
            r.enable(LockSummary.class);
            r.enable("jdk.JavaThreadStatistics").withPeriod(java.time.Duration.ofMillis(100));
            r.start();
            summaries("com.example.Oversubscribed.<init>:7", 0.15, 5.0, SAMPLED);
            summaries("com.example.Calm.<init>:9", 0.90, 1.2, SAMPLED);
            summaries("com.example.Unsampled.<init>:3", 0.15, -1, "not sampled: /proc/self/task is not readable here");
            Thread.sleep(300);
            r.stop();
            r.dump(file);
        }
        report = Analysis.analyze(List.of(file), new JmcRecordingReader(), Analysis.ProgressListener.NONE);
    }

    private static LockRow row(String site) {
        return report.locks().stream().filter(l -> l.agent() != null && l.agent().constructionSite().equals(site)).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + site + " in " + report.locks()));
    }

    @Test
    void manyRunnableThreadsAndPreemptedOwnersGiveFewerThreads() {
        LockRow r = row("com.example.Oversubscribed.<init>:7");
        assertThat(r.agent().runnableThreadsPerCpu()).isEqualTo(5.0);
        assertThat(r.advice().verdict()).isEqualTo(Verdict.FEWER_THREADS);
        assertThat(r.advice().evidence()).anyMatch(e -> e.startsWith("runnable threads per CPU 5.00 (sampled: /proc/self/task/*/stat"));
    }

    @Test
    void fewRunnableThreadsDoNotBlameTheThreadCount() {
        LockRow r = row("com.example.Calm.<init>:9");
        assertThat(r.advice().verdict()).isEqualTo(Verdict.ADOPT_ADAPTIVE_LOCK);
        assertThat(r.advice().evidence()).anyMatch(e -> e.startsWith("runnable threads per CPU 1.20 (sampled"));
    }

    @Test
    void aMissingFigureSaysWhy() {
        LockRow r = row("com.example.Unsampled.<init>:3");
        assertThat(r.agent().runnableThreadsPerCpu()).isEqualTo(-1);
        assertThat(r.advice().verdict()).isNotEqualTo(Verdict.FEWER_THREADS);
        assertThat(r.advice().missing()).contains("runnable threads per CPU: not sampled: /proc/self/task is not readable here");
    }
}
