package dev.lockscope.advisor;

/**
 * What is known about one lock, each figure with its source. Waits are always known (every recording has them);
 * the rest may be missing, and the advice then says what it lacked.
 *
 * @param lock                      how the report names the lock
 * @param type                      what kind of lock
 * @param contendedAcquisitions     recorded waits to acquire it
 * @param totalWaitNanos            their total
 * @param shareOfActiveTime         total wait / the program's active thread-time (CPU time plus lock waits), with
 *                                  where that denominator came from
 * @param waitP50Nanos              median wait
 * @param waitP99Nanos              99th percentile wait
 * @param typicalHoldNanos          typical (median or mean, as its Figure says) hold of contended acquisitions
 * @param ownerOnCpuShare           share of waiting time during which the owner was on a CPU (0..1)
 * @param futexCallsPerAcquisition  futex system calls per contended acquisition
 * @param readShare                 share of acquisitions that only read (0..1)
 * @param runnableThreadsPerCpu     runnable threads per CPU while the lock was contended
 * @param waitsSource               where the waits (count, total, percentiles) came from, e.g.
 *                                  {@code measured: JFR wait events}, or {@code sampled: ...} when the recorder
 *                                  kept only some of them
 */
public record LockEvidence(String lock, LockType type, long contendedAcquisitions, long totalWaitNanos,
                           Figure shareOfActiveTime, long waitP50Nanos, long waitP99Nanos,
                           Figure typicalHoldNanos, Figure ownerOnCpuShare, Figure futexCallsPerAcquisition,
                           Figure readShare, Figure runnableThreadsPerCpu, String waitsSource) {

    /** Waits from JFR events above their threshold, each one recorded: what JDK recordings and the agent give. */
    public static final String JFR_WAIT_EVENTS = "measured: JFR wait events";

    /** Evidence whose waits are JFR events, each one recorded ({@link #JFR_WAIT_EVENTS}). */
    public LockEvidence(String lock, LockType type, long contendedAcquisitions, long totalWaitNanos,
                        Figure shareOfActiveTime, long waitP50Nanos, long waitP99Nanos, Figure typicalHoldNanos,
                        Figure ownerOnCpuShare, Figure futexCallsPerAcquisition, Figure readShare,
                        Figure runnableThreadsPerCpu) {
        this(lock, type, contendedAcquisitions, totalWaitNanos, shareOfActiveTime, waitP50Nanos, waitP99Nanos,
                typicalHoldNanos, ownerOnCpuShare, futexCallsPerAcquisition, readShare, runnableThreadsPerCpu,
                JFR_WAIT_EVENTS);
    }

    /** The same evidence with its waits from elsewhere. */
    public LockEvidence withWaitsSource(String source) {
        return new LockEvidence(lock, type, contendedAcquisitions, totalWaitNanos, shareOfActiveTime, waitP50Nanos,
                waitP99Nanos, typicalHoldNanos, ownerOnCpuShare, futexCallsPerAcquisition, readShare,
                runnableThreadsPerCpu, source);
    }
}
