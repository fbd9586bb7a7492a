package dev.lockscope.advisor;

/** Every number the advisor decides by, each with the reason it has that value. */
public final class Thresholds {
    /**
     * Below 1% of active thread-time (the program's CPU time plus its lock waits: the time its threads spent working or
     * trying to), even removing the lock entirely gains under 1%: not worth a code change. Idle threads (pools waiting
     * for work, housekeepers) are not in the denominator, so a server's few busy threads are not drowned by them.
     */
    public static final double MIN_SHARE_OF_ACTIVE_TIME = 0.01;

    /** Beyond about two park-and-wake-up round trips (50 us each at most on this class of VM), no spin bridges a hold. */
    public static final long LONG_HOLD_NANOS = 100_000;

    /**
     * A hold span (contended acquisition to the release that wakes a waiter) on a barging lock lasts until a woken
     * waiter finds the lock taken again and re-parks: about one wake-up latency, tens of microseconds here, however
     * short the holds. Spans beyond 100 us are work under the lock or a preempted owner, not strung-together holds.
     */
    public static final long SPAN_BEYOND_WAKE_LATENCY_NANOS = 100_000;

    /**
     * Holds up to about one park-and-wake-up round trip (20-50 us on this class of VM: the demo ledger's waits have a
     * median of 25 us for 2 us holds) are where spinning instead of parking pays. It is also as short as the agent
     * can bound a hold of a barging lock: a span lasts about one wake-up latency however short the holds (see
     * {@link #SPAN_BEYOND_WAKE_LATENCY_NANOS}); the median span's log2 bucket admits spans under 32.8 us here.
     */
    public static final long SHORT_HOLD_NANOS = 50_000;

    /** Without hold times: median waits above 1 ms come from long holds or from preempted owners (no telling which). */
    public static final long LONG_WAIT_NANOS = 1_000_000;

    /** Without hold times: median waits under 200 us mean short holds behind a short queue. */
    public static final long SHORT_WAIT_NANOS = 200_000;

    /**
     * Owners running at least half the waiting time make the adaptive lock worthwhile: it spins only while the
     * owner runs and parks otherwise, so it gains whenever owners mostly run. The same line as
     * {@link #OWNER_PREEMPTED_BELOW}: below it owners are preempted and fewer threads is the remedy.
     */
    public static final double OWNER_ON_CPU_FOR_SPINNING = 0.50;

    /** Owners off CPU half the time or more while others wait: they are being preempted. */
    public static final double OWNER_PREEMPTED_BELOW = 0.50;

    /**
     * Half the waits or more were virtual threads': running fewer threads is then no remedy. Virtual threads are not
     * what the CPUs queue: their carriers are (as many as CPUs by default), and a virtual thread waiting for a lock
     * unmounts and costs no CPU, so the runnable threads behind an oversubscription are platform threads, and fewer
     * virtual threads would only move the waiting elsewhere.
     */
    public static final double MOSTLY_VIRTUAL_WAITERS = 0.50;

    /** More than 1.5 runnable threads per CPU: threads queue for CPUs, lock owners among them. */
    public static final double OVERSUBSCRIBED_RUNNABLE_PER_CPU = 1.5;

    /** At least 80% readers: a read-write lock lets them run together. */
    public static final double MOSTLY_READERS = 0.80;

    /**
     * A futex call, with the context switch a parked wait brings, costs about 5 us; a contended acquisition that
     * gets the lock while spinning costs about 0.1 us. From one futex call per 20 contended acquisitions, parking
     * and waking cost more than all the spinning-through together: they dominate the lock's cost.
     */
    public static final double FUTEX_CALLS_DOMINATE = 0.05;

    /**
     * What the owners did while others waited decides the remedy when one state took at least half of that waiting
     * time: removing it then removes at least half of the waits, more than any other single change could, and no two
     * states can both reach it. The same line as {@link #OWNER_PREEMPTED_BELOW}.
     */
    public static final double OWNER_STATE_DECIDES = 0.50;

    /**
     * Owners measured runnable but preempted (on a run queue, waiting for a CPU) during at least half the waiting time
     * decide "fewer threads": that half of the waits is the CPUs' queue, which no change to the lock or the section
     * shortens (spinning and shorter sections act only on the time the owner runs), so giving owners a CPU removes
     * more of them than any other single change could. The same line as {@link #OWNER_STATE_DECIDES}, whose argument
     * it shares, and as {@link #OWNER_PREEMPTED_BELOW}, which infers the same from a low on-CPU share; measured this
     * directly, it needs no runnable-threads sample. Under it, the larger part of the waiting time is the owners' own
     * doing (running, or off a CPU by choice), which no fewer threads would remove.
     */
    public static final double OWNER_PREEMPTED_DECIDES = 0.50;

    /**
     * Owners' states resting on fewer waits than this (a handful of long waits, where one stray hold tips the shares)
     * give a verdict one step less confident.
     */
    public static final long MIN_WAITS_FOR_OWNER_STATES = 10;

    /**
     * Fewer waits than this (the larger of a lock's tallies) say too little about their distribution to advise on:
     * the median wait, the hold estimated from it and the shares of a handful of waits move with each one (one
     * 1.5 s wait of a virtual thread's join latch read as a 3 s hold to shorten). Ten waits in the agent's ten-second
     * advice window is one a second, and a handful there is threads starting together. Not worth touching (a total)
     * and the owners' states (each wait's measured overlap with its owner's events, a step less confident under
     * {@link #MIN_WAITS_FOR_OWNER_STATES}) are decided before it: four long waits whose owners slept through them
     * still say to move the sleep out.
     */
    public static final long MIN_WAITS_TO_ADVISE = 10;

    private Thresholds() {
    }
}
