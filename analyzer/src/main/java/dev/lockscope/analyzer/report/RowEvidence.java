package dev.lockscope.analyzer.report;

import dev.lockscope.advisor.EvidenceAssembler;
import dev.lockscope.advisor.LockStatistics;
import dev.lockscope.advisor.LockStatistics.ActiveTime;
import dev.lockscope.advisor.LockStatistics.FutexCalls;
import dev.lockscope.advisor.LockStatistics.HoldSpans;
import dev.lockscope.advisor.LockStatistics.OwnerOnCpu;
import dev.lockscope.advisor.LockStatistics.OwnerPreempted;
import dev.lockscope.advisor.LockStatistics.RunnableThreads;
import dev.lockscope.advisor.Waits;
import dev.lockscope.analyzer.aggregate.AgentLockStats;
import dev.lockscope.events.LockWait;
import dev.lockscope.events.ProbeStatus;
import dev.lockscope.events.VirtualThreadWaits;

/**
 * One lock row's statistics for the advisor's {@link EvidenceAssembler}: the waits from the recording, and, where the
 * lockscope agent recorded the lock, its summaries added up (hold spans, read and write waits, owners' on-CPU share,
 * futex calls, runnable threads, virtual threads' waits). The assembler says where each figure came from; this says
 * why one the agent's summaries lack is missing.
 */
final class RowEvidence {
    static final String AGENT_WITHOUT_PROBE = "the agent ran without the native probe (see " + ProbeStatus.NAME + ")";
    static final String NOT_RECORDED = "not recorded by this version";
    /** Which waits the owners' preempted share is measured over. */
    static final String PROFILED_WAITS = "the agent's profiled waits (" + LockWait.NAME + ")";

    private RowEvidence() {
    }

    /**
     * @param waits  the row's waits (the recording's, or the agent's for a lock only it saw); where they are not the
     *               agent's, the agent's own tally is quoted beside them
     * @param agent  the agent's summaries of the lock, or null where it did not record it
     */
    static LockStatistics of(String id, String lockClass, boolean monitor, Waits waits, Denominator active,
                             AgentLockStats agent) {
        LockStatistics.Builder b = LockStatistics.builder(id, lockClass, monitor, waits)
                .activeTime(new ActiveTime(active.nanos(), active.kind(), active.source()));
        if (agent == null) {
            return b.build();
        }
        // Monitor waits the agent read from the JDK's events, after the fact (not virtual threads' it timed itself).
        boolean jdkMonitor = monitor && !VirtualThreadWaits.isVirtualMonitorSource(agent.source());
        return b.agentWaits(AgentJoin.tally(agent))
                .holdSpans(new HoldSpans(agent.medianHoldSpanNanos(),
                        agent.holds() == 0 ? -1 : agent.holdNanos() / agent.holds(), agent.holds()))
                .ownerOnCpu(ownerOnCpu(agent, jdkMonitor))
                .futex(agent.futexWaits() > 0 ? FutexCalls.counted(agent.futexCalls(), agent.futexWaits())
                        : FutexCalls.missing(jdkMonitor ? "not counted for monitors (the agent sees their waits after "
                        + "the fact)" : AGENT_WITHOUT_PROBE))
                .readWrite(agent.readWaits(), agent.writeWaits())
                .runnable(runnable(agent))
                .virtualWaits(agent.virtualWaits())
                .build();
    }

    /** The owners' on-CPU share as the agent's summaries give it: for monitors interpolated between snapshots. */
    private static OwnerOnCpu ownerOnCpu(AgentLockStats agent, boolean jdkMonitor) {
        String source = agent.ownerOnCpuSource();
        double share = agent.ownerOnCpuShare();
        if (share >= 0) {
            return source != null && source.startsWith("sampled") ? OwnerOnCpu.interpolated(share, null)
                    : OwnerOnCpu.atWaitEnds(share);
        }
        return OwnerOnCpu.missing(jdkMonitor ? "not measured for monitors (the agent sees their waits after the fact)"
                : AgentLockStats.virtualOwnerUnmeasured(source) ? source.substring("not measured: ".length())
                : AGENT_WITHOUT_PROBE);
    }

    /** Runnable threads per CPU as the agent sampled it (/proc), or why it is missing. */
    private static RunnableThreads runnable(AgentLockStats agent) {
        if (agent.runnableThreadsPerCpu() >= 0) {
            return RunnableThreads.sampled(agent.runnableThreadsPerCpu(), "the agent's figure of each period, weighted "
                    + "by the lock's wait time in it");
        }
        return RunnableThreads.missing(agent.runnableSource() == null
                ? NOT_RECORDED + " (agent without the runnable sampler)" : agent.runnableSource());
    }

    /**
     * The owners' preempted share: the row's holder profile's owner CPU split ({@code cpu}), the figure the report
     * shows there, over the same waits; missing with the split's reason where there is none, or, for a row the agent
     * did not record, with what it takes; for a monitor, that the agent does not split its owners' time (whichever
     * reader read the row).
     */
    static OwnerPreempted ownerPreempted(HolderProfile.OwnerCpu cpu, boolean agentRecorded, boolean monitor) {
        if (!cpu.available()) {
            return OwnerPreempted.missing(monitor ? HolderProfiles.CPU_MONITOR
                    : agentRecorded ? cpu.unavailableReason() : EvidenceAssembler.NEEDS_PROBE);
        }
        return OwnerPreempted.measured(cpu.share(PREEMPTED), cpu.waits(), cpu.waitNanos(), PROFILED_WAITS);
    }

    /** The holder profile's key of the owners' preempted share. */
    static final String PREEMPTED = "preempted";
}
