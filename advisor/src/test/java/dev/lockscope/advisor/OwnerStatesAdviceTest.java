package dev.lockscope.advisor;

import static dev.lockscope.advisor.Thresholds.LONG_WAIT_NANOS;
import static dev.lockscope.advisor.Thresholds.MIN_SHARE_OF_ACTIVE_TIME;
import static dev.lockscope.advisor.Thresholds.MIN_WAITS_FOR_OWNER_STATES;
import static dev.lockscope.advisor.Thresholds.OWNER_STATE_DECIDES;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rules on what owners did while others waited, at the edges of their thresholds, on hand-built evidence. */
class OwnerStatesAdviceTest {
    private static final Figure NONE = Figure.missing("not recorded");
    private static final Figure ZERO = Figure.measured(0, "owners' events");

    /** A costly monitor (5% of active thread-time) known from a plain JDK recording: long waits, nothing else. */
    static LockEvidence plainMonitor() {
        return new LockEvidence("L1", LockType.MONITOR, Waits.recorded(200, 2_000_000_000L, 8_000_000, 40_000_000,
                "jdk.JavaMonitorEnter", "20 us"), Figure.measured(0.05, "test"), NONE, NONE, NONE, NONE, NONE,
                Waits.NONE);
    }

    static OwnerStates states(double onCpu, double blocked, double gc, double otherLock, long waits) {
        return new OwnerStates(Figure.sampled(onCpu, "jdk.ExecutionSample"), "a.b.C.compute:42",
                Figure.measured(blocked, "owners' blocking-call events"), "file I/O (jdk.FileForce)", "a.b.C.flush:50",
                Figure.measured(gc, "jdk.GCPhasePause"), Figure.measured(otherLock, "owners' lock waits"),
                "L3 (monitor a.b.Inner@0x10)", waits);
    }

    @Test
    void ownersBlockedHalfTheWaitingTimeMoveTheCallOutNamingItsFrame() {
        Advice a = Advisor.advise(plainMonitor().withOwnerStates(states(0.3, OWNER_STATE_DECIDES, 0, 0, 25)));
        assertThat(a.verdict()).isEqualTo(Verdict.MOVE_BLOCKING_CALL_OUT);
        assertThat(a.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(a.reason()).contains("mostly in file I/O (jdk.FileForce) at a.b.C.flush:50")
                .contains("50.0% of the waiting time");
        assertThat(a.evidence()).anyMatch(l -> l.startsWith("owners blocked in a call while others waited (mostly file "
                + "I/O (jdk.FileForce)) 50.0% (a.b.C.flush:50) (measured: owners' blocking-call events)"));
        assertThat(a.evidence()).anyMatch(l -> l.startsWith("owners running Java code while others waited 30.0% "
                + "(a.b.C.compute:42) (sampled: jdk.ExecutionSample)"));
    }

    @Test
    void ownersBlockedJustUnderHalfDecideNothing() {
        Advice a = Advisor.advise(plainMonitor().withOwnerStates(states(0.3, Math.nextDown(OWNER_STATE_DECIDES), 0, 0,
                25)));
        assertThat(a.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void ownersWaitingForAnotherLockPointAtThatLock() {
        Advice a = Advisor.advise(plainMonitor().withOwnerStates(states(0.1, 0.2, 0, 0.61, 25)));
        assertThat(a.verdict()).isEqualTo(Verdict.LOOK_AT_THE_LOCK_ITS_OWNERS_WAIT_FOR);
        assertThat(a.reason()).contains("waiting for L3 (monitor a.b.Inner@0x10) during 61.0% of the waiting time");
        assertThat(a.expectedEffect()).contains("L3 (monitor a.b.Inner@0x10)");
    }

    @Test
    void anotherLockComesBeforeABlockingCallAtTheSameShare() {
        Advice a = Advisor.advise(plainMonitor().withOwnerStates(states(0, 0.5, 0, 0.5, 25)));
        assertThat(a.verdict()).isEqualTo(Verdict.LOOK_AT_THE_LOCK_ITS_OWNERS_WAIT_FOR);
    }

    @Test
    void ownersStoppedByGcPausesClearTheLock() {
        Advice a = Advisor.advise(plainMonitor().withOwnerStates(states(0.2, 0.1, 0.7, 0, 25)));
        assertThat(a.verdict()).isEqualTo(Verdict.NOT_THE_LOCK_GC_PAUSES);
        assertThat(a.reason()).contains("70.0% of the waiting time (measured: jdk.GCPhasePause)");
    }

    @Test
    void aCheapLockIsLeftAloneWhateverItsOwnersDid() {
        LockEvidence e = plainMonitor().withOwnerStates(states(0, 0.9, 0, 0, 25));
        LockEvidence cheap = new LockEvidence(e.lock(), e.type(), e.waits(),
                Figure.measured(Math.nextDown(MIN_SHARE_OF_ACTIVE_TIME), "test"), NONE, NONE, NONE, NONE, NONE,
                Waits.NONE, e.ownerStates());
        assertThat(Advisor.advise(cheap).verdict()).isEqualTo(Verdict.NOT_WORTH_TOUCHING);
    }

    @Test
    void fewWaitsMakeTheVerdictOneStepLessSure() {
        Advice few = Advisor.advise(plainMonitor().withOwnerStates(states(0, 0.8, 0, 0, MIN_WAITS_FOR_OWNER_STATES - 1)));
        Advice enough = Advisor.advise(plainMonitor().withOwnerStates(states(0, 0.8, 0, 0, MIN_WAITS_FOR_OWNER_STATES)));
        assertThat(few.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(enough.confidence()).isEqualTo(Confidence.HIGH);
    }

    @Test
    void ownersRunningJavaCodeThroughLongWaitsShortenTheSection() {
        Advice a = Advisor.advise(plainMonitor().withOwnerStates(states(0.9, 0, 0, 0, 25)));
        assertThat(a.verdict()).isEqualTo(Verdict.SHORTEN_CRITICAL_SECTION);
        // Sampled, and preempted owners cannot be ruled out without runnable threads per CPU.
        assertThat(a.confidence()).isEqualTo(Confidence.LOW);
        assertThat(a.reason()).contains("ran Java code at a.b.C.compute:42 during 90.0% of the waiting time (sampled");
        Advice under = Advisor.advise(plainMonitor().withOwnerStates(states(Math.nextDown(OWNER_STATE_DECIDES), 0, 0,
                0, 25)));
        assertThat(under.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void ownersRunningDoNotTurnShortWaitsIntoShortening() {
        LockEvidence shortWaits = new LockEvidence("L1", LockType.MONITOR, Waits.recorded(200, 20_000_000, 100_000,
                900_000, "jdk.JavaMonitorEnter", "20 us"), Figure.measured(0.05, "test"), NONE, NONE, NONE, NONE, NONE,
                Waits.NONE, states(0.95, 0, 0, 0, 25));
        assertThat(shortWaits.waits().p50Nanos()).isLessThan(LONG_WAIT_NANOS);
        assertThat(Advisor.advise(shortWaits).verdict()).isEqualTo(Verdict.ADOPT_ADAPTIVE_LOCK);
    }

    @Test
    void unknownOwnersAreListedAsMissingAndNotGivenOnesAreNot() {
        Advice unknown = Advisor.advise(plainMonitor().withOwnerStates(OwnerStates.missing("no owner in JDK events")));
        assertThat(unknown.missing()).contains("what the owners did while others waited: no owner in JDK events");
        Advice notGiven = Advisor.advise(plainMonitor());
        assertThat(notGiven.missing()).noneMatch(l -> l.contains("owners did"));
        assertThat(notGiven.evidence()).noneMatch(l -> l.startsWith("owners "));
    }

    @Test
    void zeroSharesAddNoEvidenceLines() {
        OwnerStates onlyBlocked = new OwnerStates(ZERO, null, Figure.measured(0.8, "events"), "sleep (jdk.ThreadSleep)",
                "a.b.C.nap:7", ZERO, ZERO, null, 40);
        Advice a = Advisor.advise(plainMonitor().withOwnerStates(onlyBlocked));
        assertThat(a.evidence().stream().filter(l -> l.startsWith("owners "))).hasSize(1);
        assertThat(a.reason()).contains("mostly in sleep (jdk.ThreadSleep) at a.b.C.nap:7");
    }
}
