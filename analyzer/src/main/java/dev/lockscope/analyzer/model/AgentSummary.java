package dev.lockscope.analyzer.model;

/**
 * One {@code dev.lockscope.LockSummary} event: what the lockscope agent measured about one lock in one period.
 * Counts are deltas for the period. {@code ownerOnCpuShare} and {@code futexCalls} are -1 when the agent had no
 * native probe. {@code ownerMeasuredWaitNanos} (the weight of the share) and {@code futexWaits} (the waits
 * {@code futexCalls} covers) are -1 in recordings from agents that did not write them; so is
 * {@code runnableThreadsPerCpu} (sampled by the agent from /proc, -1 when not sampled), and the source strings are
 * then null. {@code virtualWaits} (of {@code waits}, those of virtual threads) is -1 from agents that did not write it.
 * See jfr-events/README.md for the fields' meaning.
 */
public record AgentSummary(String lockClass, String site, String siteKind, long lockId, String source,
                           long periodNanos, long waits, long readWaits, long writeWaits, long waitNanos,
                           long maxWaitNanos, String waitHistogram, long holds, long holdNanos, long maxHoldNanos,
                           long conditionWaits, String topOwner, double topOwnerShare, double ownerOnCpuShare,
                           long futexCalls, long ownerMeasuredWaitNanos, long futexWaits,
                           String ownerOnCpuSource, double runnableThreadsPerCpu, String runnableSource, String holdHistogram,
                           long virtualWaits) {

    /** A summary from an agent that did not count virtual threads' waits apart. */
    public AgentSummary(String lockClass, String site, String siteKind, long lockId, String source,
                        long periodNanos, long waits, long readWaits, long writeWaits, long waitNanos,
                        long maxWaitNanos, String waitHistogram, long holds, long holdNanos, long maxHoldNanos,
                        long conditionWaits, String topOwner, double topOwnerShare, double ownerOnCpuShare,
                        long futexCalls, long ownerMeasuredWaitNanos, long futexWaits,
                        String ownerOnCpuSource, double runnableThreadsPerCpu, String runnableSource, String holdHistogram) {
        this(lockClass, site, siteKind, lockId, source, periodNanos, waits, readWaits, writeWaits, waitNanos, maxWaitNanos,
                waitHistogram, holds, holdNanos, maxHoldNanos, conditionWaits, topOwner, topOwnerShare, ownerOnCpuShare,
                futexCalls, ownerMeasuredWaitNanos, futexWaits, ownerOnCpuSource, runnableThreadsPerCpu, runnableSource,
                holdHistogram, -1);
    }
}
