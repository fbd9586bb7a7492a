package dev.lockscope.locks;

import java.io.Serializable;

/**
 * A per-lock spin budget learned from how long spinners actually waited for the owner to let go (a sample of
 * the remaining hold time). A success pulls the budget towards twice the wait; a spin that ran out of budget
 * while the owner still ran halves it. Capped near the CPU cost of a park/unpark round trip, past which
 * parking is cheaper than spinning. Plain racy fields: a lost update only nudges a heuristic.
 */
final class SpinBudget implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int MIN_NANOS = Integer.getInteger("lockscope.locks.minSpinNanos", 200);
    static final int MAX_NANOS = Integer.getInteger("lockscope.locks.maxSpinNanos", 5_000);
    static final int INITIAL_NANOS = Math.max(MIN_NANOS, Math.min(MAX_NANOS, 2_000));
    /** Virtual threads never spin longer than this on their carrier. */
    static final int VIRTUAL_MAX_NANOS = 1_000;

    private int nanos = INITIAL_NANOS;

    int nanos() {
        return nanos;
    }

    void onAcquired(long waitedNanos) {
        long target = Math.min(MAX_NANOS, Math.max(MIN_NANOS, 2 * waitedNanos));
        int b = nanos;
        nanos = (int) (b + (target - b) / 4);
    }

    void onBudgetExhausted() {
        nanos = Math.max(MIN_NANOS, nanos / 2);
    }
}
