package dev.lockscope.agent.registry;

/**
 * The source labels of the probe-joined figures (owner on-CPU share, futex calls), and why a figure is
 * missing when it is. Built once when the probe is joined; hooks only copy these references.
 */
public final class ProbeLabels {
    public final String onCpu;
    public final String futex;
    final String onCpuNoOwner;
    final String onCpuOwnerUnknown;
    /** Why a wait's futex calls were not counted. */
    public final String futexMissing;
    /** A virtual-thread owner's share, read through the carrier it was mounted on at the wait's start and end. */
    public final String onCpuViaCarrier;
    /** Why a virtual-thread owner's share is missing though the probe is joined. */
    public final String onCpuOwnerUnmounted;
    /** Why a virtual-thread waiter's futex calls are not counted. */
    public final String futexVirtualWaiter;

    public ProbeLabels(String onCpu, String futex, String onCpuOwnerUnknown, String futexMissing) {
        this(onCpu, futex, "not measured: no exclusive owner (read holders, semaphores, StampedLock)", onCpuOwnerUnknown, futexMissing);
    }

    private ProbeLabels(String onCpu, String futex, String onCpuNoOwner, String onCpuOwnerUnknown, String futexMissing) {
        this.onCpu = onCpu;
        this.futex = futex;
        this.onCpuNoOwner = onCpuNoOwner;
        this.onCpuOwnerUnknown = onCpuOwnerUnknown;
        this.futexMissing = futexMissing;
        boolean joined = !onCpu.equals(onCpuOwnerUnknown);
        this.onCpuViaCarrier = joined ? onCpu + "; for a virtual-thread owner, its carrier's on-CPU time (the owner was"
                + " mounted on that carrier at the wait's start and end; if it unmounted in between, the carrier ran"
                + " other virtual threads too)" : onCpu;
        this.onCpuOwnerUnmounted = joined ? "not measured: the owner is a virtual thread that was not mounted on one"
                + " carrier at both the wait's start and end (or that carrier's kernel tid is not known yet)" : onCpuOwnerUnknown;
        this.futexVirtualWaiter = futex.startsWith("measured") ? "not counted: the waiter is a virtual thread, which"
                + " unmounts to wait: its carrier's futex calls are other threads' too" : futexMissing;
    }

    /** Labels when the probe is not joined: every figure -1 with this reason. */
    public static ProbeLabels unavailable(String reason) {
        String why = "not measured: " + reason;
        return new ProbeLabels(why, why, why, why, why);
    }

    /** Whether futex calls are counted at all (probe joined with futex-counting windows on). */
    public boolean futexCounted() {
        return futex.startsWith("measured");
    }

    /** Why a wait's futex calls are missing; when {@link #futexCounted()} is false, why none are counted. */
    public String futexMissingReason() {
        return futexMissing;
    }

    /** Why a wait's owner on-CPU share is missing: its owner's tid unknown, or it had no exclusive owner. */
    public String onCpuMissing(boolean hadOwner) {
        return hadOwner ? onCpuOwnerUnknown : onCpuNoOwner;
    }

    /** The label of a summary's on-CPU share: the source when some wait was measured, else why none was. */
    /**
     * As {@link #summaryOnCpu(boolean, boolean)}; {@code viaCarrier}: some measured waits had a virtual-thread owner;
     * {@code virtualOwners}: some waits had one.
     */
    public String summaryOnCpu(boolean measured, boolean monitor, boolean viaCarrier, boolean virtualOwners) {
        if (measured && viaCarrier) {
            return onCpuViaCarrier;
        }
        return !measured && virtualOwners ? onCpuOwnerUnmounted : summaryOnCpu(measured, monitor);
    }

    public String summaryOnCpu(boolean measured, boolean monitor) {
        if (measured || onCpu == onCpuOwnerUnknown) { // same reference only from unavailable(): one reason for all
            return onCpu;
        }
        return monitor ? "not measured: synchronized waits arrive as JDK events after the fact" : onCpuOwnerUnknown
                + " (or no owner: read holders, semaphores, StampedLock)";
    }

    public String summaryFutex(boolean measured, boolean monitor) {
        if (measured || futex == futexMissing) {
            return futex;
        }
        return monitor ? "not counted: synchronized waits arrive as JDK events after the fact" : futexMissing;
    }
}
