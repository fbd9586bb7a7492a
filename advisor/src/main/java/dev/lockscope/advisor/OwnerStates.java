package dev.lockscope.advisor;

/**
 * What a lock's owners were doing while others waited for it, each as a share of that waiting time (of the waits
 * whose owner is known), with its source. A share says nothing about the owner outside those waits.
 *
 * @param onCpu           running Java code (JFR's execution samples: sampled)
 * @param onCpuAt         the frame most of those samples were in, or null
 * @param blocked         in a blocking call while holding the lock: file or socket I/O, sleep, a wait for a signal
 *                        (measured: the overlap of the owners' blocking-call events with the waits)
 * @param blockedIn       what the largest part of that was, e.g. "file I/O (jdk.FileForce)", or null
 * @param blockedAt       the frame that made that call, or null
 * @param inGcOrSafepoint stopped in a GC pause or safepoint (measured)
 * @param otherLock       itself waiting for another lock (measured)
 * @param otherLockName   that lock, as the report names it, or null
 * @param waits           how many waits the shares rest on (-1 when not given)
 */
public record OwnerStates(Figure onCpu, String onCpuAt, Figure blocked, String blockedIn, String blockedAt,
                          Figure inGcOrSafepoint, Figure otherLock, String otherLockName, long waits) {

    /** Not given (the agent's own advice has no owner events): the advice says nothing about owners' states. */
    public static final OwnerStates NONE = missing(null);

    /** Unknown, with why (e.g. a java.util.concurrent lock's owner is not in JDK events). */
    public static OwnerStates missing(String why) {
        Figure m = Figure.missing(why);
        return new OwnerStates(m, null, m, null, null, m, m, null, -1);
    }

    /** Whether anything is known. */
    public boolean known() {
        return waits > 0;
    }

    /** Whether the states were looked for at all ({@link #NONE} was not). */
    public boolean given() {
        return known() || onCpu.origin() != null;
    }

    /** Why nothing is known, or null. */
    public String whyUnknown() {
        return known() ? null : onCpu.origin();
    }
}
