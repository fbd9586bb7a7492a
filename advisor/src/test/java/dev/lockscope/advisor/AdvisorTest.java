package dev.lockscope.advisor;

import static dev.lockscope.advisor.Thresholds.FUTEX_CALLS_DOMINATE;
import static dev.lockscope.advisor.Thresholds.LONG_HOLD_NANOS;
import static dev.lockscope.advisor.Thresholds.LONG_WAIT_NANOS;
import static dev.lockscope.advisor.Thresholds.MIN_SHARE_OF_ACTIVE_TIME;
import static dev.lockscope.advisor.Thresholds.MOSTLY_READERS;
import static dev.lockscope.advisor.Thresholds.OVERSUBSCRIBED_RUNNABLE_PER_CPU;
import static dev.lockscope.advisor.Thresholds.OWNER_ON_CPU_FOR_SPINNING;
import static dev.lockscope.advisor.Thresholds.OWNER_PREEMPTED_BELOW;
import static dev.lockscope.advisor.Thresholds.SHORT_HOLD_NANOS;
import static dev.lockscope.advisor.Thresholds.SHORT_WAIT_NANOS;
import static dev.lockscope.advisor.Thresholds.SPAN_BEYOND_WAKE_LATENCY_NANOS;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each rule at the edges of its thresholds, on hand-built evidence. */
class AdvisorTest {
    private static final Figure NONE = Figure.missing("not recorded");

    /** A busy lock (5% of thread-time) with short measured holds and running owners: the adaptive case. */
    static LockEvidence adaptiveCase() {
        return new LockEvidence("L1", LockType.REENTRANT_LOCK, recorded(10_000, 500_000_000, 40_000, 400_000), Figure.measured(0.05, "test"),
                Figure.measured(2_000, "agent"), Figure.measured(0.9, "eBPF"), Figure.measured(1.8, "eBPF"),
                NONE, Figure.sampled(0.9, "/proc"), Waits.NONE);
    }

    /** Waits as JFR events above a 20 ms threshold would give them. */
    static Waits recorded(long count, long totalNanos, long p50, long p99) {
        return Waits.recorded(count, totalNanos, p50, p99, "jdk.ThreadPark", "20 ms");
    }

    static LockEvidence with(LockEvidence e, double share, Figure hold, Figure onCpu, Figure futex, Figure reads,
                             Figure runnable) {
        return new LockEvidence(e.lock(), e.type(), e.waits(), Figure.measured(share, "test"), hold, onCpu, futex, reads,
                runnable, e.agentWaits());
    }

    @Test
    void shortMeasuredHoldsWithRunningOwnersAdoptTheAdaptiveLock() {
        Advice a = Advisor.advise(adaptiveCase());
        assertThat(a.verdict()).isEqualTo(Verdict.ADOPT_ADAPTIVE_LOCK);
        assertThat(a.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(a.evidence()).anyMatch(l -> l.contains("typical hold 2.00 us (measured: agent)"));
        assertThat(a.missing()).anyMatch(l -> l.startsWith("share of readers"));
    }

    @Test
    void theWaitsLineNamesWhereTheWaitsCameFrom() {
        assertThat(Advisor.advise(adaptiveCase()).evidence().get(0)).endsWith("(measured: jdk.ThreadPark events)");
        String sampled = "sampled: async-profiler 4.6 lock=10us, one wait recorded per 10.0 us of waiting";
        assertThat(Advisor.advise(adaptiveCase().withWaitsOrigin(sampled)).evidence().get(0))
                .startsWith("10000 recorded parks").endsWith("(" + sampled + ")");
    }

    @Test
    void notWorthTouchingJustBelowTheShareThreshold() {
        LockEvidence e = adaptiveCase();
        double below = Math.nextDown(MIN_SHARE_OF_ACTIVE_TIME);
        assertThat(Advisor.advise(with(e, below, e.typicalHoldNanos(), e.ownerOnCpuShare(), e.futexCallsPerAcquisition(),
                e.readShare(), e.runnableThreadsPerCpu())).verdict()).isEqualTo(Verdict.NOT_WORTH_TOUCHING);
        assertThat(Advisor.advise(with(e, MIN_SHARE_OF_ACTIVE_TIME, e.typicalHoldNanos(), e.ownerOnCpuShare(),
                e.futexCallsPerAcquisition(), e.readShare(), e.runnableThreadsPerCpu())).verdict())
                .isEqualTo(Verdict.ADOPT_ADAPTIVE_LOCK);
    }

    @Test
    void mostlyReadersAtTheThreshold() {
        LockEvidence e = adaptiveCase();
        Advice at = Advisor.advise(with(e, 0.05, e.typicalHoldNanos(), e.ownerOnCpuShare(), e.futexCallsPerAcquisition(),
                Figure.measured(MOSTLY_READERS, "agent"), e.runnableThreadsPerCpu()));
        assertThat(at.verdict()).isEqualTo(Verdict.READ_WRITE_LOCK);
        Advice below = Advisor.advise(with(e, 0.05, e.typicalHoldNanos(), e.ownerOnCpuShare(),
                e.futexCallsPerAcquisition(), Figure.measured(Math.nextDown(MOSTLY_READERS), "agent"),
                e.runnableThreadsPerCpu()));
        assertThat(below.verdict()).isEqualTo(Verdict.ADOPT_ADAPTIVE_LOCK);
    }

    @Test
    void anEstimatedReadShareFromSectionsDecidesAtMediumConfidence() {
        LockEvidence e = adaptiveCase();
        for (LockType type : new LockType[] {LockType.REENTRANT_LOCK, LockType.MONITOR}) {
            LockEvidence at = new LockEvidence("L1", type, recorded(10_000, 500_000_000, 40_000, 400_000), Figure.measured(0.05, "test"),
                    e.typicalHoldNanos(), e.ownerOnCpuShare(), e.futexCallsPerAcquisition(),
                    Figure.estimated(MOSTLY_READERS, "bytecode"), e.runnableThreadsPerCpu(), Waits.NONE);
            Advice a = Advisor.advise(at);
            assertThat(a.verdict()).as(type.name()).isEqualTo(Verdict.READ_WRITE_LOCK);
            assertThat(a.confidence()).isEqualTo(Confidence.MEDIUM);
            assertThat(a.evidence()).anyMatch(l -> l.equals("share of readers 80.0% (estimated: bytecode)"));
            LockEvidence below = new LockEvidence("L1", type, recorded(10_000, 500_000_000, 40_000, 400_000), Figure.measured(0.05, "test"),
                    e.typicalHoldNanos(), e.ownerOnCpuShare(), e.futexCallsPerAcquisition(),
                    Figure.estimated(Math.nextDown(MOSTLY_READERS), "bytecode"), e.runnableThreadsPerCpu(), Waits.NONE);
            assertThat(Advisor.advise(below).verdict()).isNotEqualTo(Verdict.READ_WRITE_LOCK);
        }
    }

    @Test
    void readWriteAdviceOnlyForExclusiveLocks() {
        LockEvidence e = adaptiveCase();
        LockEvidence rw = new LockEvidence("L1", LockType.READ_WRITE_LOCK, recorded(10, 1_000_000_000, 40_000, 400_000), Figure.measured(0.05, "test"),
                Figure.measured(LONG_HOLD_NANOS + 30_000, "agent"), NONE, NONE, Figure.measured(0.95, "agent"), NONE, Waits.NONE);
        assertThat(Advisor.advise(rw).verdict()).isEqualTo(Verdict.SHORTEN_CRITICAL_SECTION);
    }

    @Test
    void oversubscriptionWithPreemptedOwnersAsksForFewerThreads() {
        LockEvidence e = adaptiveCase();
        Figure preempted = Figure.measured(Math.nextDown(OWNER_PREEMPTED_BELOW), "eBPF");
        Figure busy = Figure.sampled(Math.nextUp(OVERSUBSCRIBED_RUNNABLE_PER_CPU), "/proc");
        Advice a = Advisor.advise(with(e, 0.05, e.typicalHoldNanos(), preempted, e.futexCallsPerAcquisition(), NONE, busy));
        assertThat(a.verdict()).isEqualTo(Verdict.FEWER_THREADS);
        assertThat(a.confidence()).isEqualTo(Confidence.MEDIUM); // runnable count was sampled

        Figure atLimit = Figure.sampled(OVERSUBSCRIBED_RUNNABLE_PER_CPU, "/proc");
        assertThat(Advisor.advise(with(e, 0.05, e.typicalHoldNanos(), preempted, e.futexCallsPerAcquisition(), NONE,
                atLimit)).verdict()).isNotEqualTo(Verdict.FEWER_THREADS);
        Figure running = Figure.measured(OWNER_PREEMPTED_BELOW, "eBPF");
        assertThat(Advisor.advise(with(e, 0.05, e.typicalHoldNanos(), running, e.futexCallsPerAcquisition(), NONE,
                busy)).verdict()).isNotEqualTo(Verdict.FEWER_THREADS);
    }

    /**
     * Waiters that are mostly virtual threads: fewer threads is no remedy (they unmount to wait; the CPUs queue their
     * carriers), so the next rules decide; below half, and with no count of them, the oversubscription rule holds.
     */
    @Test
    void fewerThreadsIsNotAdvisedWhenTheWaitersAreMostlyVirtualThreads() {
        LockEvidence e = adaptiveCase();
        Figure preempted = Figure.measured(Math.nextDown(OWNER_PREEMPTED_BELOW), "eBPF");
        Figure busy = Figure.sampled(Math.nextUp(OVERSUBSCRIBED_RUNNABLE_PER_CPU), "/proc");
        LockEvidence oversubscribed = with(e, 0.05, Figure.measured(LONG_HOLD_NANOS + 1, "agent"), preempted,
                e.futexCallsPerAcquisition(), NONE, busy);
        assertThat(Advisor.advise(oversubscribed).verdict()).isEqualTo(Verdict.FEWER_THREADS);

        Advice virtual = Advisor.advise(oversubscribed.withVirtualWaitShare(
                Figure.measured(Thresholds.MOSTLY_VIRTUAL_WAITERS, "agent hooks")));
        assertThat(virtual.verdict()).isEqualTo(Verdict.SHORTEN_CRITICAL_SECTION);
        assertThat(virtual.evidence()).contains("waits of virtual threads 50.0% (measured: agent hooks)")
                .anyMatch(l -> l.contains("mostly virtual threads") && l.contains("fewer threads is no remedy"));

        LockEvidence fewVirtual = oversubscribed.withVirtualWaitShare(
                Figure.measured(Math.nextDown(Thresholds.MOSTLY_VIRTUAL_WAITERS), "agent hooks"));
        assertThat(Advisor.advise(fewVirtual).verdict()).isEqualTo(Verdict.FEWER_THREADS);
        assertThat(oversubscribed.virtualWaitShare().known()).isFalse();
        assertThat(oversubscribed.virtualWaitShare().origin()).isEqualTo(LockEvidence.VIRTUAL_NOT_COUNTED);
        // Carried through the evidence's other transformations.
        assertThat(oversubscribed.withVirtualWaitShare(Figure.measured(1, "agent hooks")).withHold(NONE)
                .virtualWaitShare().value()).isEqualTo(1.0);
    }

    /**
     * Short holds whose waiters are mostly virtual threads: the adaptive lock would not help them (it spins one at most
     * 1 us, then parks it as ReentrantLock does: an unmount, no futex call), so the advice is the section; below half
     * virtual, or with no count of them, the adaptive lock as before. Short waits of a lock the agent alone saw
     * (no hold figure) likewise.
     */
    @Test
    void theAdaptiveLockIsNotAdvisedWhereTheWaitersAreMostlyVirtualThreads() {
        Figure half = Figure.measured(Thresholds.MOSTLY_VIRTUAL_WAITERS, "agent hooks, 5000 of 10000 waits");
        Advice virtual = Advisor.advise(adaptiveCase().withVirtualWaitShare(half));
        assertThat(virtual.verdict()).isEqualTo(Verdict.SHORTEN_CRITICAL_SECTION);
        assertThat(virtual.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(virtual.reason()).startsWith("holds are short (").contains("mostly virtual threads",
                "spins one at most 1 us", "an unmount rather than a futex call");
        assertThat(Advisor.advise(adaptiveCase().withVirtualWaitShare(Figure.measured(
                Math.nextDown(Thresholds.MOSTLY_VIRTUAL_WAITERS), "agent hooks"))).verdict())
                .isEqualTo(Verdict.ADOPT_ADAPTIVE_LOCK);

        LockEvidence shortWaits = new LockEvidence("L1", LockType.MONITOR, Waits.agentMonitor(100, 1_000_000_000,
                SHORT_WAIT_NANOS, 900_000, 100), Figure.measured(0.05, "test"), NONE, NONE, NONE, NONE, NONE, Waits.NONE);
        assertThat(Advisor.advise(shortWaits).verdict()).isEqualTo(Verdict.ADOPT_ADAPTIVE_LOCK);
        Advice virtualWaits = Advisor.advise(shortWaits.withVirtualWaitShare(Figure.measured(1, "agent hooks")));
        assertThat(virtualWaits.verdict()).isEqualTo(Verdict.SHORTEN_CRITICAL_SECTION);
        assertThat(virtualWaits.confidence()).isEqualTo(Confidence.LOW);
        assertThat(virtualWaits.reason()).startsWith("median wait ").contains("mostly virtual threads");
    }

    @Test
    void longHoldsAskForAShorterSection() {
        LockEvidence e = adaptiveCase();
        Advice longer = Advisor.advise(with(e, 0.05, Figure.measured(LONG_HOLD_NANOS + 1, "agent"),
                e.ownerOnCpuShare(), e.futexCallsPerAcquisition(), NONE, e.runnableThreadsPerCpu()));
        assertThat(longer.verdict()).isEqualTo(Verdict.SHORTEN_CRITICAL_SECTION);
        Advice atLimit = Advisor.advise(with(e, 0.05, Figure.measured(LONG_HOLD_NANOS, "agent"),
                e.ownerOnCpuShare(), e.futexCallsPerAcquisition(), NONE, e.runnableThreadsPerCpu()));
        assertThat(atLimit.verdict()).isEqualTo(Verdict.INCONCLUSIVE); // between short and long: no clear remedy
    }

    @Test
    void anUpperBoundOnLongHoldsNeedsRunningOwnersOrNoOversubscription() {
        LockEvidence e = adaptiveCase();
        Figure longBound = Figure.upperBound(SPAN_BEYOND_WAKE_LATENCY_NANOS + 1, "agent");
        // Nothing rules out preempted owners: no verdict.
        Advice unknown = Advisor.advise(with(e, 0.05, longBound, NONE, e.futexCallsPerAcquisition(), NONE, NONE));
        assertThat(unknown.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        // Owners on a CPU half the waiting time: the span is work under the lock.
        Advice running = Advisor.advise(with(e, 0.05, longBound, Figure.measured(OWNER_PREEMPTED_BELOW, "eBPF"),
                e.futexCallsPerAcquisition(), NONE, NONE));
        assertThat(running.verdict()).isEqualTo(Verdict.SHORTEN_CRITICAL_SECTION);
        assertThat(running.confidence()).isEqualTo(Confidence.MEDIUM); // an upper bound
        assertThat(running.reason()).contains("owners were on a CPU 50.0% of the waiting time");
        assertThat(Advisor.advise(with(e, 0.05, longBound, Figure.measured(Math.nextDown(OWNER_PREEMPTED_BELOW), "eBPF"),
                e.futexCallsPerAcquisition(), NONE, NONE)).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        // Or no more runnable threads than CPUs (at the limit still counts as not oversubscribed).
        assertThat(Advisor.advise(with(e, 0.05, longBound, NONE, e.futexCallsPerAcquisition(), NONE,
                Figure.sampled(OVERSUBSCRIBED_RUNNABLE_PER_CPU, "/proc"))).verdict())
                .isEqualTo(Verdict.SHORTEN_CRITICAL_SECTION);
        assertThat(Advisor.advise(with(e, 0.05, longBound, NONE, e.futexCallsPerAcquisition(), NONE,
                Figure.sampled(Math.nextUp(OVERSUBSCRIBED_RUNNABLE_PER_CPU), "/proc"))).verdict())
                .isEqualTo(Verdict.FEWER_THREADS);
        // A span within a wake-up latency may be short holds strung together by barging: no verdict, owners running
        // or not.
        Figure wakeSpan = Figure.upperBound(SPAN_BEYOND_WAKE_LATENCY_NANOS, "agent");
        assertThat(Advisor.advise(with(e, 0.05, wakeSpan, Figure.measured(0.95, "eBPF"), e.futexCallsPerAcquisition(),
                NONE, Figure.sampled(1.0, "/proc"))).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(Advisor.advise(with(e, 0.05, Figure.upperBound(SHORT_HOLD_NANOS + 1, "agent"), Figure.measured(0.95, "eBPF"),
                e.futexCallsPerAcquisition(), NONE, NONE)).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void anUpperBoundCanConfirmShortHolds() {
        LockEvidence e = adaptiveCase();
        Advice shortBound = Advisor.advise(with(e, 0.05, Figure.upperBound(SHORT_HOLD_NANOS, "agent"),
                e.ownerOnCpuShare(), e.futexCallsPerAcquisition(), NONE, e.runnableThreadsPerCpu()));
        assertThat(shortBound.verdict()).isEqualTo(Verdict.ADOPT_ADAPTIVE_LOCK);
        assertThat(shortBound.confidence()).isEqualTo(Confidence.MEDIUM);
    }

    @Test
    void adaptiveNeedsShortHoldsRunningOwnersAndFutexCost() {
        LockEvidence e = adaptiveCase();
        assertThat(Advisor.advise(with(e, 0.05, Figure.measured(SHORT_HOLD_NANOS, "agent"), e.ownerOnCpuShare(),
                e.futexCallsPerAcquisition(), NONE, e.runnableThreadsPerCpu())).verdict())
                .isEqualTo(Verdict.ADOPT_ADAPTIVE_LOCK);
        assertThat(Advisor.advise(with(e, 0.05, Figure.measured(SHORT_HOLD_NANOS + 1, "agent"), e.ownerOnCpuShare(),
                e.futexCallsPerAcquisition(), NONE, e.runnableThreadsPerCpu())).verdict())
                .isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(Advisor.advise(with(e, 0.05, e.typicalHoldNanos(),
                Figure.measured(Math.nextDown(OWNER_ON_CPU_FOR_SPINNING), "eBPF"), e.futexCallsPerAcquisition(), NONE,
                e.runnableThreadsPerCpu())).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(Advisor.advise(with(e, 0.05, e.typicalHoldNanos(),
                Figure.measured(OWNER_ON_CPU_FOR_SPINNING, "eBPF"), e.futexCallsPerAcquisition(), NONE,
                e.runnableThreadsPerCpu())).verdict()).isEqualTo(Verdict.ADOPT_ADAPTIVE_LOCK);
        assertThat(Advisor.advise(with(e, 0.05, e.typicalHoldNanos(), e.ownerOnCpuShare(),
                Figure.measured(Math.nextDown(FUTEX_CALLS_DOMINATE), "eBPF"), NONE, e.runnableThreadsPerCpu())).verdict())
                .isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(Advisor.advise(with(e, 0.05, e.typicalHoldNanos(), e.ownerOnCpuShare(),
                Figure.measured(FUTEX_CALLS_DOMINATE, "eBPF"), NONE, e.runnableThreadsPerCpu())).verdict())
                .isEqualTo(Verdict.ADOPT_ADAPTIVE_LOCK);
        // An estimated short hold (from the waits) counts like a measured one, at medium confidence.
        Advice estimated = Advisor.advise(with(e, 0.05, Figure.estimated(SHORT_HOLD_NANOS, "waits"), e.ownerOnCpuShare(),
                e.futexCallsPerAcquisition(), NONE, e.runnableThreadsPerCpu()));
        assertThat(estimated.verdict()).isEqualTo(Verdict.ADOPT_ADAPTIVE_LOCK);
        assertThat(estimated.confidence()).isEqualTo(Confidence.MEDIUM);
    }

    @Test
    void withoutHoldTimesTheWaitDistributionGivesLowConfidenceAdvice() {
        LockEvidence plain = new LockEvidence("L1", LockType.MONITOR, recorded(100, 1_000_000_000, LONG_WAIT_NANOS + 1, 9_000_000), Figure.measured(0.05, "test"),
                NONE, NONE, NONE, NONE, NONE, Waits.NONE);
        Advice longWaits = Advisor.advise(plain);
        // Long waits come from long holds and from preempted owners alike: no verdict without more evidence.
        assertThat(longWaits.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(longWaits.confidence()).isEqualTo(Confidence.LOW);
        assertThat(longWaits.missing()).anyMatch(l -> l.startsWith("typical hold: not recorded"));
        assertThat(longWaits.reason()).contains("(recorded parks above the JDK threshold of 20 ms"
                + " (an acquisition may park more than once))");

        LockEvidence shortWaits = new LockEvidence("L1", LockType.MONITOR, recorded(100, 1_000_000_000, SHORT_WAIT_NANOS, 900_000), Figure.measured(0.05, "test"), NONE, NONE, NONE, NONE, NONE,
                Waits.NONE);
        assertThat(Advisor.advise(shortWaits).verdict()).isEqualTo(Verdict.ADOPT_ADAPTIVE_LOCK);
        assertThat(Advisor.advise(shortWaits).confidence()).isEqualTo(Confidence.LOW);

        LockEvidence between = new LockEvidence("L1", LockType.MONITOR, recorded(100, 1_000_000_000, SHORT_WAIT_NANOS + 1, 900_000), Figure.measured(0.05, "test"), NONE, NONE, NONE, NONE, NONE,
                Waits.NONE);
        assertThat(Advisor.advise(between).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        LockEvidence semaphore = new LockEvidence("L1", LockType.SEMAPHORE, recorded(100, 1_000_000_000, SHORT_WAIT_NANOS, 900_000), Figure.measured(0.05, "test"), NONE, NONE, NONE, NONE, NONE,
                Waits.NONE);
        assertThat(Advisor.advise(semaphore).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void eachWaitCountSaysWhatItCountsAndTheAgentsIsQuotedBeside() {
        LockEvidence e = adaptiveCase();
        Waits agent = Waits.agent(80_000, 600_000_000, 4_096, 65_536, false);
        Advice a = Advisor.advise(new LockEvidence(e.lock(), e.type(), e.waits(), e.shareOfActiveTime(),
                e.typicalHoldNanos(), e.ownerOnCpuShare(), e.futexCallsPerAcquisition(), e.readShare(),
                e.runnableThreadsPerCpu(), agent));
        assertThat(a.evidence().get(0)).startsWith("10000 recorded parks above the JDK threshold of 20 ms (an acquisition "
                + "may park more than once), 500 ms in total,")
                .endsWith("wait p50 40.0 us, p99 400 us (measured: jdk.ThreadPark events)");
        assertThat(a.evidence().get(1)).isEqualTo("also counted: 80000 contended acquisitions the agent saw (every one, "
                + "however short), 600 ms in total; wait p50 at most 4.10 us, p99 at most 65.5 us (measured: agent "
                + "hooks; percentiles are ends of log2 buckets, at most the longest wait)");
    }

    @Test
    void waitsFromTheAgentAreNotCalledJfrEvents() {
        LockEvidence e = adaptiveCase();
        Advice a = Advisor.advise(new LockEvidence(e.lock(), e.type(), Waits.agent(10_000, 500_000_000, 32_768, 524_288,
                false), e.shareOfActiveTime(), e.typicalHoldNanos(), e.ownerOnCpuShare(), e.futexCallsPerAcquisition(),
                e.readShare(), e.runnableThreadsPerCpu(), Waits.NONE));
        assertThat(a.evidence().get(0)).startsWith("10000 contended acquisitions the agent saw (every one, however short)")
                .contains("(measured: agent hooks;").doesNotContain("JFR");
        assertThat(a.evidence()).noneMatch(l -> l.startsWith("also counted"));
        Advice monitor = Advisor.advise(new LockEvidence(e.lock(), LockType.MONITOR, Waits.agent(10, 500_000_000,
                32_768, 524_288, true), e.shareOfActiveTime(), NONE, NONE, NONE, NONE, NONE, Waits.NONE));
        assertThat(monitor.evidence().get(0)).contains(Waits.AGENT_MONITOR_EVENTS);
    }

    @Test
    void theHoldFigureIsCalledTheSameInReasonAndEvidence() {
        LockEvidence e = adaptiveCase();
        Figure estimate = HoldBounds.tighter(HoldBounds.medianSpan(32_768, 400), 2_048, 5_000);
        Advice adopt = Advisor.advise(e.withHold(estimate));
        assertThat(adopt.verdict()).isEqualTo(Verdict.ADOPT_ADAPTIVE_LOCK);
        assertThat(adopt.reason()).startsWith("holds are short (hold estimated from waits 4.10 us, estimated)");
        assertThat(adopt.evidence()).anyMatch(l -> l.startsWith("hold estimated from waits 4.10 us (estimated: twice the "
                + "median of 5000 contended waits") && l.contains("the median contended hold span 32.8 us covers"));

        Figure span = HoldBounds.medianSpan(2_097_152, 400);
        Advice shorten = Advisor.advise(with(e, 0.05, span, Figure.measured(0.9, "eBPF"), e.futexCallsPerAcquisition(),
                NONE, NONE));
        assertThat(shorten.verdict()).isEqualTo(Verdict.SHORTEN_CRITICAL_SECTION);
        assertThat(shorten.reason()).startsWith("median contended hold span 2.10 ms (upper bound: agent hooks");
        assertThat(shorten.evidence()).anyMatch(l -> l.startsWith("median contended hold span 2.10 ms (upper bound:"));
        Advice loose = Advisor.advise(with(e, 0.05, span, NONE, e.futexCallsPerAcquisition(), NONE, NONE));
        assertThat(loose.reason()).contains("(median contended hold span 2.10 ms)");
    }

    @Test
    void lockTypesFromJfrClassNames() {
        assertThat(LockType.of("java.util.concurrent.locks.ReentrantLock$NonfairSync", false))
                .isEqualTo(LockType.REENTRANT_LOCK);
        assertThat(LockType.of("java.util.concurrent.locks.ReentrantReadWriteLock$FairSync", false))
                .isEqualTo(LockType.READ_WRITE_LOCK);
        assertThat(LockType.of("java.util.concurrent.Semaphore$NonfairSync", false)).isEqualTo(LockType.SEMAPHORE);
        assertThat(LockType.of("com.acme.Cache", true)).isEqualTo(LockType.MONITOR);
        assertThat(LockType.of(null, false)).isEqualTo(LockType.OTHER);
    }
}
