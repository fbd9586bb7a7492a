package dev.lockscope.analyzer.report;

import dev.lockscope.advisor.Durations;
import dev.lockscope.advisor.Figure;
import dev.lockscope.advisor.HoldBounds;
import dev.lockscope.advisor.LockEvidence;
import dev.lockscope.advisor.LockType;
import dev.lockscope.advisor.Waits;
import dev.lockscope.analyzer.report.Report.AgentFacts;
import dev.lockscope.events.LockWait;
import dev.lockscope.events.ProbeStatus;

/**
 * The advisor's evidence for one lock row: the waits from the recording, and, where the lockscope agent recorded
 * the lock, its hold times, readers, owner CPU state and futex calls; what is missing says how to get it.
 */
final class RowEvidence {
    static final String NEEDS_AGENT = "not in JDK events; record with the lockscope agent";
    static final String NEEDS_PROBE = "not in JDK events; record with the lockscope agent and its native probe (Linux)";
    static final String AGENT_WITHOUT_PROBE = "the agent ran without the native probe (see " + ProbeStatus.NAME + ")";
    static final String NOT_RECORDED = "not recorded by this version";

    private RowEvidence() {
    }

    /**
     * @param waits the row's waits (the recording's, or the agent's for a lock only it saw); where they are not the
     *              agent's, the agent's own tally is quoted beside them
     */
    static LockEvidence of(String id, String lockClass, boolean monitor, Waits waits, Figure share, AgentFacts agent) {
        LockType type = LockType.of(lockClass, monitor);
        if (agent == null) {
            return new LockEvidence(id, type, waits, share, Figure.missing(NEEDS_AGENT),
                    Figure.missing(NEEDS_PROBE), Figure.missing(NEEDS_PROBE), Figure.missing(NEEDS_AGENT),
                    Figure.missing(NEEDS_PROBE), Waits.NONE);
        }
        // Each span bounds the hold it starts with, so the spans' median bounds the holds' median; the mean does not
        // (a few spans over many sections inflate it), so it is the fallback for agents without the histogram.
        Figure hold = agent.medianHoldSpanNanos() >= 0 ? HoldBounds.medianSpan(agent.medianHoldSpanNanos(), agent.holds())
                : agent.meanHoldSpanNanos() >= 0 ? HoldBounds.meanSpan(agent.meanHoldSpanNanos(), agent.holds())
                : Figure.missing(monitor ? "the agent does not time monitor holds" : "the agent saw no contended hold");
        // Monitor waits reach the agent after the fact: their owner share is interpolated between periodic snapshots.
        boolean sampledOnCpu = agent.ownerOnCpuSource() != null && agent.ownerOnCpuSource().startsWith("sampled");
        // Virtual threads' monitor waits the agent timed itself, with their owners read as for java.util.concurrent.
        boolean jdkMonitor = monitor && !dev.lockscope.events.VirtualThreadWaits.isVirtualMonitorSource(agent.source());
        Figure onCpu = agent.ownerOnCpuShare() >= 0
                ? sampledOnCpu ? Figure.sampled(agent.ownerOnCpuShare(), "native probe via the agent, on-CPU snapshots "
                        + "interpolated at wait start and end")
                : Figure.measured(agent.ownerOnCpuShare(), "native probe via the agent")
                : Figure.missing(jdkMonitor ? "not measured for monitors (the agent sees their waits after the fact)"
                        : dev.lockscope.analyzer.aggregate.AgentLockStats.virtualOwnerUnmeasured(agent.ownerOnCpuSource())
                        ? agent.ownerOnCpuSource().substring("not measured: ".length()) : AGENT_WITHOUT_PROBE);
        Figure futex = agent.futexCallsPerWait() >= 0
                ? Figure.measured(agent.futexCallsPerWait(), "native probe via the agent")
                : Figure.missing(jdkMonitor ? "not counted for monitors (the agent sees their waits after the fact)"
                        : AGENT_WITHOUT_PROBE);
        Figure reads = agent.readShare() >= 0
                ? Figure.measured(agent.readShare(), "agent hooks, read vs write waits")
                : Figure.missing(type == LockType.READ_WRITE_LOCK ? "no read waits seen"
                        : "an exclusive lock cannot tell readers from writers");
        return new LockEvidence(id, type, waits, share, hold, onCpu, futex, reads, runnable(agent),
                waits == agent.waits() ? Waits.NONE : agent.waits());
    }

    /**
     * The evidence with its owners' preempted share: the row's holder profile's owner CPU split ({@code cpu}), the
     * figure the report shows there, over the same waits; missing with the split's reason where there is none, or,
     * for a row the agent did not record, with what it takes; for a monitor, that the agent does not split its owners'
     * time (whichever reader read the row).
     */
    static LockEvidence withOwnerPreempted(LockEvidence e, HolderProfile.OwnerCpu cpu, boolean agentRecorded,
                                           boolean monitor) {
        if (!cpu.available()) {
            return e.withOwnerPreempted(Figure.missing(monitor ? HolderProfiles.CPU_MONITOR
                    : agentRecorded ? cpu.unavailableReason() : NEEDS_PROBE), -1);
        }
        return e.withOwnerPreempted(Figure.measured(cpu.share(PREEMPTED), "eBPF run-queue time of the owners during "
                + "the agent's profiled waits (" + LockWait.NAME + "), over " + cpu.waits()
                + (cpu.waits() == 1 ? " wait, " : " waits, ") + Durations.format(cpu.waitNanos())), cpu.waits());
    }

    /** The holder profile's key of the owners' preempted share. */
    static final String PREEMPTED = "preempted";

    /** Runnable threads per CPU as the agent sampled it (/proc), or why it is missing. */
    private static Figure runnable(AgentFacts agent) {
        if (agent.runnableThreadsPerCpu() >= 0) {
            return Figure.sampled(agent.runnableThreadsPerCpu(), "agent, /proc/self/task/*/stat: the process's threads "
                    + "in state R per CPU while the lock was contended");
        }
        return Figure.missing(agent.runnableSource() == null ? NOT_RECORDED + " (agent without the runnable sampler)"
                : agent.runnableSource());
    }
}
