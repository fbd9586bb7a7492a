package dev.lockscope.advisor;

import static dev.lockscope.advisor.Thresholds.MIN_WAITS_TO_ADVISE;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The gate on too few waits, at its edge: under it the verdicts that read the waits' distribution are inconclusive,
 * while "not worth touching" (a total) and the owners' states (each wait's own overlap) still decide.
 */
class TooFewWaitsAdviceTest {
    private static final Figure NONE = Figure.missing("not recorded");

    /** The adaptive case (short measured holds, owners running, futex calls dominating) on {@code waits} waits. */
    static LockEvidence shortHolds(long waits, double share) {
        return new LockEvidence("L1", LockType.REENTRANT_LOCK, Waits.agent(waits, 50_000_000, 40_000, 400_000, false),
                Figure.measured(share, "test"), Figure.upperBound(2_000, "agent"), Figure.measured(0.9, "eBPF"),
                Figure.measured(1.8, "eBPF"), NONE, Figure.sampled(0.9, "/proc"), Waits.NONE);
    }

    @Test
    void underTheGateTheDistributionsVerdictIsInconclusiveWithEveryFigureStillQuoted() {
        Advice at = Advisor.advise(shortHolds(MIN_WAITS_TO_ADVISE, 0.05));
        assertThat(at.verdict()).isEqualTo(Verdict.ADOPT_ADAPTIVE_LOCK);
        Advice under = Advisor.advise(shortHolds(MIN_WAITS_TO_ADVISE - 1, 0.05));
        assertThat(under.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(under.confidence()).isEqualTo(Confidence.LOW);
        assertThat(under.reason()).startsWith("only 9 " + Waits.EVERY_CONTENDED + ", under the 10 a verdict needs");
        assertThat(under.evidence()).isEqualTo(at.evidence().stream()
                .map(l -> l.replaceFirst("^10 ", "9 ")).toList());
    }

    @Test
    void aCheapLockIsNotWorthTouchingHoweverFewItsWaits() {
        Advice a = Advisor.advise(shortHolds(1, 0.001));
        assertThat(a.verdict()).isEqualTo(Verdict.NOT_WORTH_TOUCHING);
    }

    @Test
    void ownersSleepingThroughAFewLongWaitsStillSayMoveTheCallOutLessSurely() {
        LockEvidence e = new LockEvidence("L1", LockType.MONITOR, Waits.recorded(4, 4_000_000_000L, 1_000_000_000L,
                1_000_000_000L, "jdk.JavaMonitorEnter", "20 ms"), Figure.measured(0.4, "test"), NONE, NONE, NONE,
                NONE, NONE, Waits.NONE).withOwnerStates(OwnerStatesAdviceTest.states(0, 0.98, 0, 0, 4));
        Advice a = Advisor.advise(e);
        assertThat(a.verdict()).isEqualTo(Verdict.MOVE_BLOCKING_CALL_OUT);
        assertThat(a.confidence()).isEqualTo(Confidence.MEDIUM);
    }

    @Test
    void theLargerTallyCounts() {
        // Three waits above the JDK's threshold, a thousand the agent counted: enough.
        LockEvidence e = shortHolds(1000, 0.05);
        LockEvidence recorded = new LockEvidence("L1", e.type(), Waits.recorded(3, 90_000_000, 30_000_000, 30_000_000,
                "jdk.ThreadPark", "20 ms"), e.shareOfActiveTime(), e.typicalHoldNanos(), e.ownerOnCpuShare(),
                e.futexCallsPerAcquisition(), e.readShare(), e.runnableThreadsPerCpu(), e.waits());
        assertThat(Advisor.advise(recorded).verdict()).isEqualTo(Verdict.ADOPT_ADAPTIVE_LOCK);
        LockEvidence alone = new LockEvidence("L1", e.type(), recorded.waits(), e.shareOfActiveTime(),
                e.typicalHoldNanos(), e.ownerOnCpuShare(), e.futexCallsPerAcquisition(), e.readShare(),
                e.runnableThreadsPerCpu(), Waits.NONE);
        Advice a = Advisor.advise(alone);
        assertThat(a.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(a.reason()).startsWith("only 3 recorded parks above the JDK threshold of 20 ms");
    }
}
