package dev.lockscope.advisor;

import static dev.lockscope.advisor.Thresholds.MIN_SHARE_OF_ACTIVE_TIME;
import static dev.lockscope.advisor.Thresholds.MIN_WAITS_FOR_OWNER_STATES;
import static dev.lockscope.advisor.Thresholds.MOSTLY_READERS;
import static dev.lockscope.advisor.Thresholds.MOSTLY_VIRTUAL_WAITERS;
import static dev.lockscope.advisor.Thresholds.OVERSUBSCRIBED_RUNNABLE_PER_CPU;
import static dev.lockscope.advisor.Thresholds.OWNER_PREEMPTED_DECIDES;
import static dev.lockscope.advisor.Thresholds.SPAN_BEYOND_WAKE_LATENCY_NANOS;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The rules on the owners' measured preempted share (runnable, on a run queue, while others waited for their lock), at
 * the edges of {@link Thresholds#OWNER_PREEMPTED_DECIDES}, on hand-built evidence.
 */
class OwnerPreemptedAdviceTest {
    private static final Figure NONE = Figure.missing("not recorded");
    private static final String ORIGIN = "eBPF run-queue time of the owners, over 40 waits";

    /**
     * A costly ReentrantLock (5% of active thread-time) whose hold span is a long upper bound and whose owners were on
     * a CPU 30% of the waiting time: preempted owners and long holds both fit, until something tells them apart.
     */
    static LockEvidence longSpans(Figure runnable) {
        return new LockEvidence("L1", LockType.REENTRANT_LOCK, Waits.recorded(500, 2_000_000_000L, 3_000_000,
                20_000_000, "jdk.ThreadPark", "1 ms"), Figure.measured(0.05, "test"),
                Figure.upperBound(SPAN_BEYOND_WAKE_LATENCY_NANOS * 5, "agent"), Figure.measured(0.3, "eBPF"),
                Figure.measured(1.5, "eBPF"), NONE, runnable, Waits.NONE);
    }

    static LockEvidence preempted(LockEvidence e, double share, long waits) {
        return e.withOwnerPreempted(Figure.measured(share, ORIGIN), waits);
    }

    @Test
    void ownersPreemptedHalfTheWaitingTimeAskForFewerThreadsWithoutARunnableSample() {
        Advice a = Advisor.advise(preempted(longSpans(NONE), OWNER_PREEMPTED_DECIDES, 40));
        assertThat(a.verdict()).isEqualTo(Verdict.FEWER_THREADS);
        assertThat(a.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(a.reason()).startsWith("its owners sat preempted (runnable, waiting for a CPU) during 50.0% of the "
                + "waiting time (measured: " + ORIGIN + ")");
        assertThat(a.evidence()).contains(Advisor.PREEMPTED + " 50.0% (measured: " + ORIGIN + ")");
        assertThat(a.missing()).anyMatch(l -> l.startsWith("runnable threads per CPU: not recorded"));

        Advice under = Advisor.advise(preempted(longSpans(NONE), Math.nextDown(OWNER_PREEMPTED_DECIDES), 40));
        assertThat(under.verdict()).isNotEqualTo(Verdict.FEWER_THREADS);
    }

    @Test
    void fewMeasuredWaitsMakeItOneStepLessSure() {
        assertThat(Advisor.advise(preempted(longSpans(NONE), 0.8, MIN_WAITS_FOR_OWNER_STATES - 1)).confidence())
                .isEqualTo(Confidence.MEDIUM);
        assertThat(Advisor.advise(preempted(longSpans(NONE), 0.8, MIN_WAITS_FOR_OWNER_STATES)).confidence())
                .isEqualTo(Confidence.HIGH);
    }

    @Test
    void preemptedOwnersAmongFewRunnableThreadsBlameTheCpusTooAndAreLessSure() {
        Figure calm = Figure.sampled(OVERSUBSCRIBED_RUNNABLE_PER_CPU, "/proc");
        Advice a = Advisor.advise(preempted(longSpans(calm), 0.7, 40));
        assertThat(a.verdict()).isEqualTo(Verdict.FEWER_THREADS);
        assertThat(a.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(a.reason()).contains("runnable threads per CPU 1.50, sampled").contains("other processes or a CPU "
                + "quota");
        Figure busy = Figure.sampled(Math.nextUp(OVERSUBSCRIBED_RUNNABLE_PER_CPU), "/proc");
        Advice crowded = Advisor.advise(preempted(longSpans(busy), 0.7, 40));
        assertThat(crowded.confidence()).isEqualTo(Confidence.HIGH); // measured; the sample only agrees with it
        assertThat(crowded.reason()).doesNotContain("CPU quota");
    }

    /**
     * A small share is the CPU split of the thread that owned the lock when each wait began; on a busy lock ownership
     * passes on during a long wait while that thread parks for the lock again, so it rules nothing out: the other
     * rules decide as without it.
     */
    @Test
    void ownersSeldomPreemptedDecideNothing() {
        Figure busy = Figure.sampled(4.0, "/proc");
        assertThat(Advisor.advise(longSpans(busy)).verdict()).isEqualTo(Verdict.FEWER_THREADS);
        assertThat(Advisor.advise(preempted(longSpans(busy), 0.05, 40)).verdict()).isEqualTo(Verdict.FEWER_THREADS);
        assertThat(Advisor.advise(longSpans(NONE)).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(Advisor.advise(preempted(longSpans(NONE), 0.1, 40)).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void virtualWaitersKeepTheirException() {
        LockEvidence e = preempted(longSpans(NONE), 0.9, 40);
        Advice virtual = Advisor.advise(e.withVirtualWaitShare(Figure.measured(MOSTLY_VIRTUAL_WAITERS, "agent hooks")));
        assertThat(virtual.verdict()).isNotEqualTo(Verdict.FEWER_THREADS);
        assertThat(virtual.evidence()).anyMatch(l -> l.startsWith("owners preempted 90.0% of the waiting time, but its "
                + "waiters are mostly virtual threads") && l.endsWith("fewer threads is no remedy here"));
        Advice fewVirtual = Advisor.advise(e.withVirtualWaitShare(Figure.measured(
                Math.nextDown(MOSTLY_VIRTUAL_WAITERS), "agent hooks")));
        assertThat(fewVirtual.verdict()).isEqualTo(Verdict.FEWER_THREADS);
    }

    @Test
    void theEarlierRulesStillComeFirst() {
        LockEvidence e = preempted(longSpans(NONE), 0.9, 40);
        LockEvidence cheap = new LockEvidence(e.lock(), e.type(), e.waits(),
                Figure.measured(Math.nextDown(MIN_SHARE_OF_ACTIVE_TIME), "test"), e.typicalHoldNanos(),
                e.ownerOnCpuShare(), e.futexCallsPerAcquisition(), e.readShare(), e.runnableThreadsPerCpu(),
                e.agentWaits()).withOwnerPreempted(e.ownerPreemptedShare(), 40);
        assertThat(Advisor.advise(cheap).verdict()).isEqualTo(Verdict.NOT_WORTH_TOUCHING);
        assertThat(Advisor.advise(e.withReadShare(Figure.measured(MOSTLY_READERS, "agent"))).verdict())
                .isEqualTo(Verdict.READ_WRITE_LOCK);
        OwnerStates blocked = OwnerStatesAdviceTest.states(0, 0.6, 0, 0, 25);
        assertThat(Advisor.advise(e.withOwnerStates(blocked)).verdict()).isEqualTo(Verdict.MOVE_BLOCKING_CALL_OUT);
    }

    @Test
    void aMissingShareIsListedWithWhyAndCarriedThroughTheOtherTransformations() {
        Advice a = Advisor.advise(longSpans(NONE).withOwnerPreempted(Figure.missing("the agent keeps no such sum"), 7));
        assertThat(a.missing()).contains(Advisor.PREEMPTED + ": the agent keeps no such sum");
        assertThat(longSpans(NONE).withOwnerPreempted(NONE, 7).ownerPreemptedWaits()).isEqualTo(-1);
        assertThat(Advisor.advise(longSpans(NONE)).missing())
                .contains(Advisor.PREEMPTED + ": " + LockEvidence.PREEMPTED_NOT_MEASURED);
        LockEvidence carried = preempted(longSpans(NONE), 0.9, 40).withHold(NONE).withReadShare(NONE)
                .withOwnerStates(OwnerStates.NONE).withVirtualWaitShare(NONE).withWaitsOrigin("elsewhere");
        assertThat(carried.ownerPreemptedShare().value()).isEqualTo(0.9);
        assertThat(carried.ownerPreemptedWaits()).isEqualTo(40);
    }
}
