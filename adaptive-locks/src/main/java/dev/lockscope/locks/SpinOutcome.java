package dev.lockscope.locks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Why contended acquisitions spun or went to the queue, counted per process only when
 * {@code -Dlockscope.locks.spinOutcomes=true} (off, the JIT folds every count away). Tells which part of the
 * policy sends waiters to park: the budget, the owner's on-CPU state, another spinner, or known-long holds.
 * Printed as one line on standard error at exit when on.
 */
enum SpinOutcome {
    /** The spinner took the lock: no park. */
    ACQUIRED,
    /** Another thread was already spinning: queued at once (one spinner per lock). */
    OTHER_SPINNER,
    /** Recent spins kept running out of the largest budget: queued without spinning. */
    HOLDS_LONG,
    /** The on-CPU source said the owner is off a CPU. */
    OWNER_OFF_CPU,
    /** The owner's state was unknown (untracked or stale) and the system had more runnable threads than CPUs. */
    OWNER_UNKNOWN_BUSY,
    /** No on-CPU source and the system had more runnable threads than CPUs. */
    SYSTEM_BUSY,
    /** The owner still held the lock when the learned budget ran out. */
    BUDGET_EXHAUSTED,
    /** A timed or interruptible acquisition's deadline or interrupt ended the spin. */
    DEADLINE_OR_INTERRUPT,
    /** A fair lock had queued waiters a spinner must not pass. */
    FAIR_QUEUE,
    /** One CPU: spinning can only delay the owner. */
    SINGLE_CPU,
    /**
     * Counted besides the outcome: the thread came straight back to a lock a spinner had just taken from it
     * (lock-bound) and napped outside the queue first (see HandOffWatch).
     */
    BOUNCE_NAP;

    static final boolean COUNTED = Boolean.getBoolean("lockscope.locks.spinOutcomes");
    private static final LongAdder[] COUNTS = new LongAdder[values().length];

    static {
        for (int i = 0; i < COUNTS.length; i++) {
            COUNTS[i] = new LongAdder();
        }
        if (COUNTED) {
            Runtime.getRuntime().addShutdownHook(new Thread(
                    () -> System.err.println("lockscope-locks spin outcomes: " + snapshot()), "lockscope-locks-outcomes"));
        }
    }

    /** Counts this outcome (when counting is on) and returns {@code result}, so a return statement can say why. */
    boolean count(boolean result) {
        if (COUNTED) COUNTS[ordinal()].increment();
        return result;
    }

    /** Counts so far by outcome, in declaration order; all zero when counting is off. */
    static Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (SpinOutcome o : values()) {
            m.put(o.name().toLowerCase(java.util.Locale.ROOT), COUNTS[o.ordinal()].sum());
        }
        return m;
    }
}
