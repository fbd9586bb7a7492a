package dev.lockscope.advisor;

/** Every number the advisor decides by, each with the reason it has that value. */
public final class Thresholds {
    /** Below 1% of thread-time, even removing the lock entirely gains under 1%: not worth a code change. */
    public static final double MIN_SHARE_OF_THREAD_TIME = 0.01;

    /** Beyond the longest park-and-wake-up round trip seen on this class of VM (about 50 us), no spin bridges a hold. */
    public static final long LONG_HOLD_NANOS = 50_000;

    /**
     * Holds (as the agent can bound them) up to about one park-and-wake-up round trip are where spinning instead of
     * parking pays: that round trip is 20-50 us on this class of VM (the demo ledger's waits: median 25 us for 2 us
     * holds). The bound is the median hold span's log2 bucket, so 20 us admits spans under 16.4 us.
     */
    public static final long SHORT_HOLD_NANOS = 20_000;

    /** Without hold times: median waits above 1 ms come from long holds or from preempted owners (no telling which). */
    public static final long LONG_WAIT_NANOS = 1_000_000;

    /** Without hold times: median waits under 200 us mean short holds behind a short queue. */
    public static final long SHORT_WAIT_NANOS = 200_000;

    /** Owners running at least 70% of the waiting time make spinning worthwhile (the adaptive lock's premise). */
    public static final double OWNER_ON_CPU_FOR_SPINNING = 0.70;

    /** Owners off CPU half the time or more while others wait: they are being preempted. */
    public static final double OWNER_PREEMPTED_BELOW = 0.50;

    /** More than 1.5 runnable threads per CPU: threads queue for CPUs, lock owners among them. */
    public static final double OVERSUBSCRIBED_RUNNABLE_PER_CPU = 1.5;

    /** At least 80% readers: a read-write lock lets them run together. */
    public static final double MOSTLY_READERS = 0.80;

    /** At least one futex call per contended acquisition: parking and waking dominate the lock's cost. */
    public static final double FUTEX_CALLS_DOMINATE = 1.0;

    private Thresholds() {
    }
}
