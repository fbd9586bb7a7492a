package dev.lockscope.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockscope.advisor.Advice;
import dev.lockscope.advisor.Confidence;
import dev.lockscope.advisor.Verdict;
import dev.lockscope.advisor.Waits;
import dev.lockscope.analyzer.report.Report;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the second run of demo --compare swaps, and when there is nothing worth comparing. */
class DemoSwapTest {
    private static final String RL = "java.util.concurrent.locks.ReentrantLock$NonfairSync";

    private static Report.LockRow row(String lockClass, String siteKind, String site, Verdict verdict, double share) {
        Report.AgentFacts agent = siteKind == null ? null : new Report.AgentFacts(site, siteKind, 1, "measured: agent hooks",
                "lock class", Waits.agent(100, 1_000_000, 20_000, 40_000, false), 40_000, 10, 2_000, 4_000, -1, -1, -1,
                List.of(), 0, "", -1, "", 2_000, -1, 20_000, -1);
        Advice advice = new Advice(verdict, Confidence.MEDIUM, "because", List.of(), List.of(), "effect");
        return Report.LockRow.builder().id("L1").kind("lock").family("j.u.c.").lockClass(lockClass).waitsCount(100)
                .totalWaitNanos(1_000_000).shareOfActiveTime(share).waitingThreads(2, false).agent(agent).advice(advice)
                .waits("recorded waits above the JDK threshold of 20 us", "measured: jdk.ThreadPark events").build();
    }

    private static Report report(Report.LockRow... rows) {
        return new Report("lockscope", List.of(), 1, "", 1, "", List.of(rows), List.of(), List.of(), List.of(), List.of());
    }

    @Test
    void theSitesAdvisedToAdoptTheAdaptiveLockAreSwapped() {
        DemoSwap swap = DemoSwap.of(report(
                row(RL, "constructed", "a.Hot.<init>:3", Verdict.FEWER_THREADS, 0.30),
                row(RL, "constructed", "a.Ledger.<init>:10", Verdict.ADOPT_ADAPTIVE_LOCK, 0.20),
                row("a.Cache", "monitor-class", "a.Cache", Verdict.ADOPT_ADAPTIVE_LOCK, 0.10)));
        assertThat(swap.sites()).containsExactly("a.Ledger.<init>:10");
        assertThat(swap.why()).containsExactly("run 1 advised for the lock built at a.Ledger.<init>:10 (20.0% of active "
                + "thread-time): adopt lockscope's adaptive lock [ADOPT_ADAPTIVE_LOCK]");
    }

    @Test
    void noneAdvisedTheHottestSwappableLockWorthTouchingIsSwappedAndTheLineSaysSo() {
        // A monitor cannot be swapped; the ledger lock reads "run fewer threads" on a machine others keep busy.
        DemoSwap swap = DemoSwap.of(report(
                row("a.Cache", "monitor-class", "a.Cache", Verdict.SHORTEN_CRITICAL_SECTION, 0.40),
                row(RL, "constructed", "a.Ledger.<init>:10", Verdict.FEWER_THREADS, 0.23),
                row(RL, "constructed", "a.Other.<init>:5", Verdict.INCONCLUSIVE, 0.02)));
        assertThat(swap.sites()).containsExactly("a.Ledger.<init>:10");
        assertThat(swap.why()).hasSize(1);
        assertThat(swap.why().get(0)).startsWith("run 1 advised for the lock built at a.Ledger.<init>:10 (23.0% of active "
                + "thread-time): run fewer threads than now [FEWER_THREADS], not the adaptive lock; run 2 builds it as the "
                + "adaptive lock anyway");
    }

    @Test
    void aHotLockNotWorthTouchingOrNoSwappableLockIsAOneLineError() {
        assertThatThrownBy(() -> DemoSwap.of(report(row(RL, "constructed", "a.Ledger.<init>:10", Verdict.NOT_WORTH_TOUCHING, 0.004))))
                .isInstanceOf(UserError.class).hasMessage("run 1's hottest swappable lock, built at a.Ledger.<init>:10, "
                        + "cost 0.40% of active thread-time: not worth touching, so there is nothing worth comparing");
        assertThatThrownBy(() -> DemoSwap.of(report(row(RL, null, null, Verdict.ADOPT_ADAPTIVE_LOCK, 0.3),
                row(RL, "first-contended", "a.Ledger.post:20", Verdict.ADOPT_ADAPTIVE_LOCK, 0.3))))
                .isInstanceOf(UserError.class).hasMessageStartingWith("run 1's report has no ReentrantLock with a "
                        + "construction site from the agent")
                .hasMessageNotContaining("\n");
    }
}
