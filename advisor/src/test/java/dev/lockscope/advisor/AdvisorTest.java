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
        return new LockEvidence("L1", LockType.REENTRANT_LOCK, 10_000, 500_000_000, Figure.measured(0.05, "test"), 40_000, 400_000,
                Figure.measured(2_000, "agent"), Figure.measured(0.9, "eBPF"), Figure.measured(1.8, "eBPF"),
                NONE, Figure.sampled(0.9, "/proc"));
    }

    static LockEvidence with(LockEvidence e, double share, Figure hold, Figure onCpu, Figure futex, Figure reads,
                             Figure runnable) {
        return new LockEvidence(e.lock(), e.type(), e.contendedAcquisitions(), e.totalWaitNanos(), Figure.measured(share, "test"),
                e.waitP50Nanos(), e.waitP99Nanos(), hold, onCpu, futex, reads, runnable);
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
        assertThat(Advisor.advise(adaptiveCase()).evidence().get(0)).endsWith("(measured: JFR wait events)");
        String sampled = "sampled: async-profiler 4.6 lock=10us, one wait recorded per 10.0 us of waiting";
        assertThat(Advisor.advise(adaptiveCase().withWaitsSource(sampled)).evidence().get(0))
                .startsWith("10000 contended acquisitions").endsWith("(" + sampled + ")");
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
            LockEvidence at = new LockEvidence("L1", type, 10_000, 500_000_000, Figure.measured(0.05, "test"), 40_000, 400_000,
                    e.typicalHoldNanos(), e.ownerOnCpuShare(), e.futexCallsPerAcquisition(),
                    Figure.estimated(MOSTLY_READERS, "bytecode"), e.runnableThreadsPerCpu());
            Advice a = Advisor.advise(at);
            assertThat(a.verdict()).as(type.name()).isEqualTo(Verdict.READ_WRITE_LOCK);
            assertThat(a.confidence()).isEqualTo(Confidence.MEDIUM);
            assertThat(a.evidence()).anyMatch(l -> l.equals("share of readers 80.0% (estimated: bytecode)"));
            LockEvidence below = new LockEvidence("L1", type, 10_000, 500_000_000, Figure.measured(0.05, "test"), 40_000, 400_000,
                    e.typicalHoldNanos(), e.ownerOnCpuShare(), e.futexCallsPerAcquisition(),
                    Figure.estimated(Math.nextDown(MOSTLY_READERS), "bytecode"), e.runnableThreadsPerCpu());
            assertThat(Advisor.advise(below).verdict()).isNotEqualTo(Verdict.READ_WRITE_LOCK);
        }
    }

    @Test
    void readWriteAdviceOnlyForExclusiveLocks() {
        LockEvidence e = adaptiveCase();
        LockEvidence rw = new LockEvidence("L1", LockType.READ_WRITE_LOCK, 10, 1_000_000_000, Figure.measured(0.05, "test"), 40_000, 400_000,
                Figure.measured(LONG_HOLD_NANOS + 30_000, "agent"), NONE, NONE, Figure.measured(0.95, "agent"), NONE);
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
        LockEvidence plain = new LockEvidence("L1", LockType.MONITOR, 100, 1_000_000_000, Figure.measured(0.05, "test"),
                LONG_WAIT_NANOS + 1, 9_000_000,
                NONE, NONE, NONE, NONE, NONE);
        Advice longWaits = Advisor.advise(plain);
        // Long waits come from long holds and from preempted owners alike: no verdict without more evidence.
        assertThat(longWaits.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(longWaits.confidence()).isEqualTo(Confidence.LOW);
        assertThat(longWaits.missing()).anyMatch(l -> l.startsWith("typical hold: not recorded"));

        LockEvidence shortWaits = new LockEvidence("L1", LockType.MONITOR, 100, 1_000_000_000, Figure.measured(0.05, "test"),
                SHORT_WAIT_NANOS, 900_000, NONE, NONE, NONE, NONE, NONE);
        assertThat(Advisor.advise(shortWaits).verdict()).isEqualTo(Verdict.ADOPT_ADAPTIVE_LOCK);
        assertThat(Advisor.advise(shortWaits).confidence()).isEqualTo(Confidence.LOW);

        LockEvidence between = new LockEvidence("L1", LockType.MONITOR, 100, 1_000_000_000, Figure.measured(0.05, "test"),
                SHORT_WAIT_NANOS + 1, 900_000, NONE, NONE, NONE, NONE, NONE);
        assertThat(Advisor.advise(between).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        LockEvidence semaphore = new LockEvidence("L1", LockType.SEMAPHORE, 100, 1_000_000_000, Figure.measured(0.05, "test"),
                SHORT_WAIT_NANOS, 900_000, NONE, NONE, NONE, NONE, NONE);
        assertThat(Advisor.advise(semaphore).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
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
