package dev.lockscope.locks;

import java.io.Serializable;

/**
 * A per-lock spin budget learned from how long spinners actually waited for the owner to let go (a sample of
 * the remaining hold time). A success that needed more than the budget's half raises it at once to twice the wait
 * (a spinner arriving early in a hold waits nearly all of it, so the budget must cover the longest remaining
 * holds, not the typical one); shorter successes lower it only slowly. A spin that ran out of budget while the
 * owner still ran doubles it: the hold outlasted the budget, and shrinking it there would only make the next
 * early arrival run out too (learning from successes alone ratchets the budget down onto the short waits).
 * Capped near the CPU cost of a park/unpark round trip, past which parking is cheaper than spinning. When
 * {@link #LONG_HOLD_STREAK} spins in a row run out of the largest budget, the holds are longer than spinning
 * pays for, so the lock spins on one contended acquisition in {@link #PROBE_EVERY} (to notice when holds get
 * short again) and sends the rest straight to the queue. Plain racy fields: a lost update only nudges a heuristic.
 */
final class SpinBudget implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int MIN_NANOS = Integer.getInteger("lockscope.locks.minSpinNanos", 200);
    static final int MAX_NANOS = Integer.getInteger("lockscope.locks.maxSpinNanos", 5_000);
    static final int INITIAL_NANOS = Math.max(MIN_NANOS, Math.min(MAX_NANOS, 2_000));
    /** Virtual threads never spin longer than this on their carrier. */
    static final int VIRTUAL_MAX_NANOS = 1_000;
    /** Spins in a row that ran out of the smallest budget before the lock counts its holds as long. */
    static final int LONG_HOLD_STREAK = Integer.getInteger("lockscope.locks.longHoldStreak", 4);
    /** While holds are long, one contended acquisition in this many still spins (power of two). */
    static final int PROBE_EVERY = 16;

    private int nanos = INITIAL_NANOS;
    private int exhaustedStreak;
    private int skipped;

    int nanos() {
        return nanos;
    }

    /** False while holds are known to be long, except for an occasional probing spin. */
    boolean shouldSpin() {
        return exhaustedStreak < LONG_HOLD_STREAK || (++skipped & (PROBE_EVERY - 1)) == 0;
    }

    /** True while the budget treats holds as too long to spin for (diagnostics and tests). */
    boolean holdsLong() {
        return exhaustedStreak >= LONG_HOLD_STREAK;
    }

    void onAcquired(long waitedNanos) {
        exhaustedStreak = 0;
        long target = Math.min(MAX_NANOS, Math.max(MIN_NANOS, 2 * waitedNanos));
        int b = nanos;
        nanos = (int) (target > b ? target : b + (target - b) / 16);
    }

    void onBudgetExhausted() {
        int b = nanos;
        // Only running out of the largest budget says the holds are long; a smaller budget first grows.
        if (b >= MAX_NANOS && exhaustedStreak < Integer.MAX_VALUE) exhaustedStreak++;
        nanos = (int) Math.min(MAX_NANOS, 2L * b);
    }
}
