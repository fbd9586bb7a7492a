package dev.lockscope.advisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lockscope.advisor.LockStatistics.ActiveTime;
import dev.lockscope.advisor.LockStatistics.FutexCalls;
import dev.lockscope.advisor.LockStatistics.HoldSpans;
import dev.lockscope.advisor.LockStatistics.OwnerOnCpu;
import dev.lockscope.advisor.LockStatistics.OwnerPreempted;
import dev.lockscope.advisor.LockStatistics.RunnableThreads;
import org.junit.jupiter.api.Test;

/**
 * The one place where each figure of the evidence gets its source: every figure from statistics as the agent's
 * counters or a report's row fill them, what is missing and why, the tighter hold from the median wait, and the gate
 * on too few waits.
 */
class EvidenceAssemblerTest {
    static final String RL = "java.util.concurrent.locks.ReentrantLock$NonfairSync";
    static final ActiveTime ACTIVE = new ActiveTime(10_000_000_000L, Source.MEASURED, "process CPU time + waits");
    /** The agent's tally: 1000 contended waits, 2 s, median at most 4.1 us. */
    static final Waits AGENT = Waits.agent(1000, 2_000_000_000L, 4_096, 30_000_000, false);
    static final Waits RECORDED = Waits.recorded(40, 1_000_000_000L, 25_000_000, 30_000_000, "jdk.ThreadPark", "20 ms");

    /** What the agent's window gives of a j.u.c. lock: its own tally is the one the verdict rests on. */
    static LockStatistics.Builder agentSide() {
        return LockStatistics.builder("Ledger", RL, false, AGENT).agentWaits(AGENT).activeTime(ACTIVE);
    }

    @Test
    void withoutTheAgentOnlyTheWaitsAndTheShareAreKnownAndTheRestSaysWhatItTakes() {
        LockEvidence e = EvidenceAssembler.of(LockStatistics.builder("L1", RL, false, RECORDED).activeTime(ACTIVE)
                .build());
        assertThat(e.waits()).isSameAs(RECORDED);
        assertThat(e.agentWaits()).isEqualTo(Waits.NONE);
        assertThat(e.shareOfActiveTime().value()).isCloseTo(0.1, within(1e-12));
        assertThat(e.shareOfActiveTime().provenance()).isEqualTo("(measured: process CPU time + waits)");
        assertThat(e.typicalHoldNanos().origin()).isEqualTo(EvidenceAssembler.NEEDS_AGENT);
        assertThat(e.readShare().origin()).isEqualTo(EvidenceAssembler.NEEDS_AGENT);
        assertThat(e.ownerOnCpuShare().origin()).isEqualTo(EvidenceAssembler.NEEDS_PROBE);
        assertThat(e.futexCallsPerAcquisition().origin()).isEqualTo(EvidenceAssembler.NEEDS_PROBE);
        assertThat(e.runnableThreadsPerCpu().origin()).isEqualTo(EvidenceAssembler.NEEDS_PROBE);
        assertThat(e.virtualWaitShare().origin()).isEqualTo(LockEvidence.VIRTUAL_NOT_COUNTED);
        assertThat(e.ownerPreemptedShare().origin()).isEqualTo(LockEvidence.PREEMPTED_NOT_MEASURED);
        assertThat(e.ownerPreemptedWaits()).isEqualTo(-1);
        assertThat(e.ownerStates()).isSameAs(OwnerStates.NONE);
        for (Figure f : new Figure[] {e.typicalHoldNanos(), e.readShare(), e.ownerOnCpuShare(),
                e.futexCallsPerAcquisition(), e.runnableThreadsPerCpu(), e.virtualWaitShare(),
                e.ownerPreemptedShare()}) {
            assertThat(f.source()).isEqualTo(Source.MISSING);
        }
    }

    @Test
    void eachFigureTheAgentMeasuredSaysHow() {
        LockEvidence e = EvidenceAssembler.of(agentSide()
                .holdSpans(new HoldSpans(2_048, -1, 400))
                .ownerOnCpu(OwnerOnCpu.atWaitEnds(0.8))
                .futex(FutexCalls.counted(300, 200))
                .readWrite(0, 0)
                .runnable(RunnableThreads.sampled(1.25, "2 CPUs, 30 samples"))
                .virtualWaits(250)
                .build());
        assertThat(e.type()).isEqualTo(LockType.REENTRANT_LOCK);
        assertThat(e.ownerOnCpuShare().provenance())
                .isEqualTo("(measured: native probe, owner's eBPF on-CPU ns at wait start and end)");
        assertThat(e.futexCallsPerAcquisition().value()).isEqualTo(1.5);
        assertThat(e.futexCallsPerAcquisition().provenance())
                .isEqualTo("(measured: native probe, eBPF futex counts of waiter + owner over 200 counted waits)");
        assertThat(e.readShare().origin()).isEqualTo("an exclusive lock cannot tell readers from writers");
        assertThat(e.runnableThreadsPerCpu().provenance()).isEqualTo("(sampled: /proc/self/task/*/stat: the "
                + "process's threads in state R per CPU while the lock was contended; 2 CPUs, 30 samples)");
        assertThat(e.virtualWaitShare().value()).isEqualTo(0.25);
        assertThat(e.virtualWaitShare().provenance())
                .isEqualTo("(measured: agent hooks, 250 of 1000 waits by virtual threads)");
        // The median span (2.05 us) is under twice the median wait (8.19 us): the span stays.
        assertThat(e.typicalHoldNanos().name()).isEqualTo(HoldBounds.MEDIAN_SPAN);
        assertThat(e.typicalHoldNanos().origin()).startsWith("agent hooks, 400 sampled spans, end of the median's log2 "
                + "bucket");
        // The verdict rests on the agent's own tally: it is not quoted a second time.
        assertThat(e.agentWaits()).isEqualTo(Waits.NONE);
    }

    @Test
    void theAgentsTallyBesideARecordedOneIsQuotedAndAnEqualOneIsNot() {
        LockEvidence beside = EvidenceAssembler.of(LockStatistics.builder("L1", RL, false, RECORDED).agentWaits(AGENT)
                .activeTime(ACTIVE).build());
        assertThat(beside.agentWaits()).isSameAs(AGENT);
        // A lock only the agent saw: its row's waits are the agent's tally, rebuilt but equal.
        Waits same = Waits.agent(1000, 2_000_000_000L, 4_096, 30_000_000, false);
        LockEvidence only = EvidenceAssembler.of(LockStatistics.builder("L2", RL, false, same).agentWaits(AGENT)
                .activeTime(ACTIVE).build());
        assertThat(only.agentWaits()).isEqualTo(Waits.NONE);
    }

    @Test
    void readersAreMeasuredOnAReadWriteLockAndMissingWithWhyWithoutThem() {
        String rw = "java.util.concurrent.locks.ReentrantReadWriteLock$NonfairSync";
        LockStatistics.Builder b = LockStatistics.builder("RW", rw, false, AGENT).agentWaits(AGENT).activeTime(ACTIVE);
        Figure reads = EvidenceAssembler.of(b.readWrite(90, 10).build()).readShare();
        assertThat(reads.value()).isCloseTo(0.9, within(1e-12));
        assertThat(reads.provenance()).isEqualTo("(measured: agent hooks, read vs write waits)");
        assertThat(EvidenceAssembler.of(b.readWrite(0, 10).build()).readShare().origin())
                .isEqualTo("no read waits seen");
    }

    @Test
    void theFillersReasonsForWhatTheAgentCouldNotMeasureAreKept() {
        LockEvidence e = EvidenceAssembler.of(agentSide()
                .ownerOnCpu(OwnerOnCpu.missing("not measured: no native probe"))
                .futex(FutexCalls.missing("not counted: futexDuty=0"))
                .runnable(RunnableThreads.missing("not sampled: /proc/self/task is not readable here"))
                .ownerPreempted(OwnerPreempted.missing("not kept per lock"))
                .build());
        assertThat(e.ownerOnCpuShare().origin()).isEqualTo("not measured: no native probe");
        assertThat(e.futexCallsPerAcquisition().origin()).isEqualTo("not counted: futexDuty=0");
        assertThat(e.runnableThreadsPerCpu().origin()).isEqualTo("not sampled: /proc/self/task is not readable here");
        assertThat(e.ownerPreemptedShare().origin()).isEqualTo("not kept per lock");
        assertThat(e.ownerPreemptedWaits()).isEqualTo(-1);
        // Virtual threads' waits not counted apart (an older agent): missing, not zero.
        assertThat(e.virtualWaitShare().known()).isFalse();
        // No span timed: the estimate from the waits stands alone and says so.
        assertThat(e.typicalHoldNanos().name()).isEqualTo(HoldBounds.FROM_WAITS);
        assertThat(e.typicalHoldNanos().origin()).endsWith("the hooks timed no hold span");
    }

    @Test
    void theOwnersPreemptedShareSaysOverWhichWaits() {
        LockEvidence one = EvidenceAssembler.of(agentSide()
                .ownerPreempted(OwnerPreempted.measured(0.62, 1, 1_200_000_000L, "the profiled waits")).build());
        assertThat(one.ownerPreemptedShare().provenance())
                .isEqualTo("(measured: eBPF run-queue time of the owners during the profiled waits, over 1 wait, "
                        + "1.20 s)");
        assertThat(one.ownerPreemptedWaits()).isEqualTo(1);
        LockEvidence many = EvidenceAssembler.of(agentSide()
                .ownerPreempted(OwnerPreempted.measured(0.62, 40, 1_200_000_000L, "the profiled waits")).build());
        assertThat(many.ownerPreemptedShare().origin()).endsWith("over 40 waits, 1.20 s");
        assertThat(many.ownerPreemptedWaits()).isEqualTo(40);
    }

    @Test
    void aMonitorsOwnerShareFromSnapshotsIsSampledAndItsHoldIsNeitherTimedNorEstimated() {
        LockStatistics.Builder b = LockStatistics.builder("M", "com.example.Cache", true, AGENT).agentWaits(AGENT)
                .activeTime(ACTIVE);
        LockEvidence withCadence = EvidenceAssembler.of(b.ownerOnCpu(OwnerOnCpu.interpolated(0.4, "every 5 ms"))
                .build());
        assertThat(withCadence.type()).isEqualTo(LockType.MONITOR);
        assertThat(withCadence.ownerOnCpuShare().provenance()).isEqualTo("(sampled: native probe, owner's eBPF on-CPU "
                + "ns (every 5 ms), interpolated at wait start and end)");
        LockEvidence withoutCadence = EvidenceAssembler.of(b.ownerOnCpu(OwnerOnCpu.interpolated(0.4, null)).build());
        assertThat(withoutCadence.ownerOnCpuShare().provenance()).isEqualTo("(sampled: native probe, owner's eBPF "
                + "on-CPU ns from periodic snapshots, interpolated at wait start and end)");
        // Monitor waits reach the agent from JDK events above a threshold: their median bounds no hold.
        assertThat(withCadence.typicalHoldNanos().known()).isFalse();
        assertThat(withCadence.typicalHoldNanos().origin()).isEqualTo("the agent does not time monitor holds");
    }

    @Test
    void twiceTheAgentsMedianWaitReplacesALongerMedianSpanCallingItAMedian() {
        Figure hold = EvidenceAssembler.of(agentSide().holdSpans(new HoldSpans(500_000, 900_000, 40)).build())
                .typicalHoldNanos();
        assertThat(hold.name()).isEqualTo(HoldBounds.FROM_WAITS);
        assertThat(hold.source()).isEqualTo(Source.ESTIMATED);
        assertThat(hold.value()).isEqualTo(2 * 4_096);
        assertThat(hold.origin()).startsWith("twice the median of 1000 contended waits the agent saw")
                .contains("the median contended hold span 500 us covers several holds").doesNotContain("mean");
    }

    @Test
    void anOlderAgentsMeanSpanIsCalledAMeanAndTightenedToo() {
        Figure hold = EvidenceAssembler.of(agentSide().holdSpans(new HoldSpans(-1, 79_400, 40)).build())
                .typicalHoldNanos();
        assertThat(hold.name()).isEqualTo(HoldBounds.FROM_WAITS);
        assertThat(hold.origin()).contains("the mean contended hold span 79.4 us covers several holds");
        Figure kept = EvidenceAssembler.of(agentSide().holdSpans(new HoldSpans(-1, 5_000, 40)).build())
                .typicalHoldNanos();
        assertThat(kept.name()).isEqualTo(HoldBounds.MEAN_SPAN);
        assertThat(kept.source()).isEqualTo(Source.UPPER_BOUND);
    }

    @Test
    void theRecordedWaitsMedianNeverTightensTheHoldOnlyTheAgentsDoes() {
        // A recorded tally (above the JDK's threshold) beside the agent's: the estimate rests on the agent's median.
        Figure hold = EvidenceAssembler.of(LockStatistics.builder("L1", RL, false, RECORDED).agentWaits(AGENT)
                .activeTime(ACTIVE).holdSpans(new HoldSpans(500_000, -1, 40)).build()).typicalHoldNanos();
        assertThat(hold.value()).isEqualTo(2 * 4_096);
        assertThat(hold.origin()).startsWith("twice the median of 1000 contended waits");
    }

    @Test
    void aShareIsOfTheActiveThreadTimeAndNeverAboveAll() {
        LockStatistics.Builder b = LockStatistics.builder("L", RL, false, AGENT).agentWaits(AGENT);
        Figure estimated = EvidenceAssembler.of(b.activeTime(new ActiveTime(1_000_000_000L, Source.ESTIMATED,
                "live threads x window")).build()).shareOfActiveTime();
        assertThat(estimated.value()).isEqualTo(1.0);
        assertThat(estimated.source()).isEqualTo(Source.ESTIMATED);
        assertThat(EvidenceAssembler.of(b.activeTime(new ActiveTime(0, Source.MEASURED, "x")).build())
                .shareOfActiveTime().value()).isZero();
    }

    @Test
    void tooFewWaitsAreNoGroundForAdviceCountingTheLargerTally() {
        assertThat(EvidenceAssembler.enoughWaits(Thresholds.MIN_WAITS_TO_ADVISE - 1)).isFalse();
        assertThat(EvidenceAssembler.enoughWaits(Thresholds.MIN_WAITS_TO_ADVISE)).isTrue();
        Waits nine = Waits.agent(9, 9_000_000, 1_000_000, 1_000_000, false);
        assertThat(EvidenceAssembler.enoughWaits(agentSide().build())).isTrue();
        assertThat(EvidenceAssembler.enoughWaits(LockStatistics.builder("L", RL, false, nine).agentWaits(nine).build()))
                .isFalse();
        // Three waits above the JDK's threshold, but the agent counted a thousand: enough.
        Waits three = Waits.recorded(3, 90_000_000, 30_000_000, 30_000_000, "jdk.ThreadPark", "20 ms");
        assertThat(EvidenceAssembler.enoughWaits(LockStatistics.builder("L", RL, false, three).agentWaits(AGENT)
                .build())).isTrue();
        assertThat(EvidenceAssembler.enoughWaits(LockStatistics.builder("L", RL, false, three).build())).isFalse();
    }
}
