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
 */
public record LockEvidence(String lock, LockType type, long contendedAcquisitions, long totalWaitNanos,
                           Figure shareOfActiveTime, long waitP50Nanos, long waitP99Nanos,
                           Figure typicalHoldNanos, Figure ownerOnCpuShare, Figure futexCallsPerAcquisition,
                           Figure readShare, Figure runnableThreadsPerCpu) {
}
