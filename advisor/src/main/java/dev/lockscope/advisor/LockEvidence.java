package dev.lockscope.advisor;

/**
 * What is known about one lock, each figure with its source. Waits are always known (every recording has them);
 * the rest may be missing, and the advice then says what it lacked.
 *
 * @param lock                      how the report names the lock
 * @param type                      what kind of lock
 * @param waits                     the waits the verdict rests on (the share and the wait percentiles are theirs),
 *                                  with what they count
 * @param shareOfActiveTime         their total / the program's active thread-time (CPU time plus lock waits), with
 *                                  where that denominator came from
 * @param typicalHoldNanos          the hold figure the verdict uses, named for what it is ({@link HoldBounds})
 * @param ownerOnCpuShare           share of waiting time during which the owner was on a CPU (0..1)
 * @param futexCallsPerAcquisition  futex system calls per contended acquisition
 * @param readShare                 share of acquisitions that only read (0..1)
 * @param runnableThreadsPerCpu     runnable threads per CPU while the lock was contended
 * @param agentWaits                the agent's own tally of the same lock, quoted beside {@code waits} because it
 *                                  counts differently; {@link Waits#NONE} when there is none or {@code waits} is it
 * @param ownerStates               what the owners did while others waited (from the owners' own JFR events:
 *                                  samples, blocking calls, pauses); {@link OwnerStates#NONE} when not looked for
 * @param virtualWaitShare          share of the waits that were virtual threads' (0..1): where they mostly were,
 *                                  "fewer threads" means something else ({@link Advisor})
 * @param ownerPreemptedShare       share of waiting time during which the owner was runnable but preempted: switched
 *                                  out as runnable and waiting on a run queue for a CPU (0..1), measured per wait from
 *                                  the owner's run-queue time (eBPF); the direct measurement of what
 *                                  {@code runnableThreadsPerCpu} with a low {@code ownerOnCpuShare} infers
 * @param ownerPreemptedWaits       how many waits {@code ownerPreemptedShare} rests on (-1 when not measured)
 */
public record LockEvidence(String lock, LockType type, Waits waits, Figure shareOfActiveTime,
                           Figure typicalHoldNanos, Figure ownerOnCpuShare, Figure futexCallsPerAcquisition,
                           Figure readShare, Figure runnableThreadsPerCpu, Waits agentWaits, OwnerStates ownerStates,
                           Figure virtualWaitShare, Figure ownerPreemptedShare, long ownerPreemptedWaits) {

    /** Why the owners' preempted share is missing where nobody gave it. */
    public static final String PREEMPTED_NOT_MEASURED = "not measured: needs the lockscope agent with its native probe"
            + " (the owner's run-queue time during each wait, eBPF)";

    /** Evidence without the owners' preempted share (missing: {@link #PREEMPTED_NOT_MEASURED}). */
    public LockEvidence(String lock, LockType type, Waits waits, Figure shareOfActiveTime, Figure typicalHoldNanos,
                        Figure ownerOnCpuShare, Figure futexCallsPerAcquisition, Figure readShare,
                        Figure runnableThreadsPerCpu, Waits agentWaits, OwnerStates ownerStates,
                        Figure virtualWaitShare) {
        this(lock, type, waits, shareOfActiveTime, typicalHoldNanos, ownerOnCpuShare, futexCallsPerAcquisition,
                readShare, runnableThreadsPerCpu, agentWaits, ownerStates, virtualWaitShare,
                Figure.missing(PREEMPTED_NOT_MEASURED), -1);
    }

    /** Why the share of virtual threads' waits is missing where nobody counted it. */
    public static final String VIRTUAL_NOT_COUNTED = "not counted: the JDK's events record no lock wait of a virtual"
            + " thread that unmounts, and only the lockscope agent counts them apart";

    /**
     * Evidence without the owners' states (the agent's own advice: it does not read the owners' events) and without
     * virtual threads' waits told apart.
     */
    public LockEvidence(String lock, LockType type, Waits waits, Figure shareOfActiveTime, Figure typicalHoldNanos,
                        Figure ownerOnCpuShare, Figure futexCallsPerAcquisition, Figure readShare,
                        Figure runnableThreadsPerCpu, Waits agentWaits) {
        this(lock, type, waits, shareOfActiveTime, typicalHoldNanos, ownerOnCpuShare, futexCallsPerAcquisition,
                readShare, runnableThreadsPerCpu, agentWaits, OwnerStates.NONE, Figure.missing(VIRTUAL_NOT_COUNTED));
    }

    /** Evidence with the owners' states, without virtual threads' waits told apart. */
    public LockEvidence(String lock, LockType type, Waits waits, Figure shareOfActiveTime, Figure typicalHoldNanos,
                        Figure ownerOnCpuShare, Figure futexCallsPerAcquisition, Figure readShare,
                        Figure runnableThreadsPerCpu, Waits agentWaits, OwnerStates ownerStates) {
        this(lock, type, waits, shareOfActiveTime, typicalHoldNanos, ownerOnCpuShare, futexCallsPerAcquisition,
                readShare, runnableThreadsPerCpu, agentWaits, ownerStates, Figure.missing(VIRTUAL_NOT_COUNTED));
    }

    /** The same evidence with the share of waits that were virtual threads'. */
    public LockEvidence withVirtualWaitShare(Figure share) {
        return new LockEvidence(lock, type, waits, shareOfActiveTime, typicalHoldNanos, ownerOnCpuShare,
                futexCallsPerAcquisition, readShare, runnableThreadsPerCpu, agentWaits, ownerStates, share,
                ownerPreemptedShare, ownerPreemptedWaits);
    }

    /** The same evidence with its waits from elsewhere, e.g. sampled by async-profiler rather than each recorded. */
    public LockEvidence withWaitsOrigin(String origin) {
        return new LockEvidence(lock, type, waits.withOrigin(origin), shareOfActiveTime, typicalHoldNanos,
                ownerOnCpuShare, futexCallsPerAcquisition, readShare, runnableThreadsPerCpu, agentWaits, ownerStates,
                virtualWaitShare, ownerPreemptedShare, ownerPreemptedWaits);
    }

    /** The same evidence with another hold figure. */
    public LockEvidence withHold(Figure hold) {
        return new LockEvidence(lock, type, waits, shareOfActiveTime, hold, ownerOnCpuShare, futexCallsPerAcquisition,
                readShare, runnableThreadsPerCpu, agentWaits, ownerStates, virtualWaitShare, ownerPreemptedShare,
                ownerPreemptedWaits);
    }

    /** The same evidence with another share of readers. */
    public LockEvidence withReadShare(Figure reads) {
        return new LockEvidence(lock, type, waits, shareOfActiveTime, typicalHoldNanos, ownerOnCpuShare,
                futexCallsPerAcquisition, reads, runnableThreadsPerCpu, agentWaits, ownerStates, virtualWaitShare,
                ownerPreemptedShare, ownerPreemptedWaits);
    }

    /** The same evidence with what the owners did while others waited. */
    public LockEvidence withOwnerStates(OwnerStates states) {
        return new LockEvidence(lock, type, waits, shareOfActiveTime, typicalHoldNanos, ownerOnCpuShare,
                futexCallsPerAcquisition, readShare, runnableThreadsPerCpu, agentWaits, states, virtualWaitShare,
                ownerPreemptedShare, ownerPreemptedWaits);
    }

    /**
     * The same evidence with the owners' preempted share and the number of waits it rests on ({@code share} missing,
     * with why, and -1 where it was not measured).
     */
    public LockEvidence withOwnerPreempted(Figure share, long measuredWaits) {
        return new LockEvidence(lock, type, waits, shareOfActiveTime, typicalHoldNanos, ownerOnCpuShare,
                futexCallsPerAcquisition, readShare, runnableThreadsPerCpu, agentWaits, ownerStates, virtualWaitShare,
                share, share.known() ? measuredWaits : -1);
    }
}
