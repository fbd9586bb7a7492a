package dev.lockscope.locks;

/**
 * Notices a lock-bound pair bouncing a lock between them: a spinner took the lock from its owner, and that
 * owner is back asking for it a moment later (under {@link #BOUNCE_NANOS}), with no work done outside the lock.
 * Left alone, the two alternate on every operation and each hand-over moves the lock's cache lines between
 * cores, where {@code ReentrantLock} lets one thread run alone while the other sleeps. The returning thread
 * therefore naps for {@link #NAP_NANOS} outside the queue (a timed park that no release has to wake, so the
 * owner makes no futex call for it) and the winner runs alone meanwhile; then it competes as usual.
 * Plain racy fields, written only by spinners that won: a lost update costs one nap more or less.
 */
final class HandOffWatch {
    /** Back within this long of losing the lock to a spinner counts as lock-bound (0.5 us of outside work is not). */
    static final long BOUNCE_NANOS = Long.getLong("lockscope.locks.bounceNanos", 300);
    /** How long the returning thread stays off the lock: a few hundred short sections for the winner alone. */
    static final long NAP_NANOS = Long.getLong("lockscope.locks.napNanos", 50_000);

    private long winnerId = -1;
    private long loserId = -1;
    private long wonAt;
    /** Naps taken on this lock (racy count, diagnostics and tests). */
    private long naps;

    /** A spinner ({@code winner}) took the lock at {@code now}; {@code from} owned it last (null if unseen). */
    void spinnerWon(Thread winner, Thread from, long now) {
        if (from == null || from == winner) return;
        winnerId = winner.getId();
        loserId = from.getId();
        wonAt = now;
    }

    /**
     * True if {@code current} lost the lock to a spinner that still owns it ({@code owner}), less than
     * {@link #BOUNCE_NANOS} ago. Reads the clock only when the threads match.
     */
    boolean bouncedBack(Thread current, Thread owner) {
        return lostTo(current, owner) && System.nanoTime() - wonAt < BOUNCE_NANOS;
    }

    /** The same at a given {@code now} (tests: the clock read is not what is tested). */
    boolean bouncedBack(Thread current, Thread owner, long now) {
        return lostTo(current, owner) && now - wonAt < BOUNCE_NANOS;
    }

    void napped() {
        naps++;
    }

    long naps() {
        return naps;
    }

    private boolean lostTo(Thread current, Thread owner) {
        return owner != null && loserId == current.getId() && winnerId == owner.getId();
    }
}
