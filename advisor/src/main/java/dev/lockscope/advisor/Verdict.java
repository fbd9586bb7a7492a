package dev.lockscope.advisor;

/** What to do about a lock. */
public enum Verdict {
    NOT_WORTH_TOUCHING("not worth touching"),
    READ_WRITE_LOCK("use a read-write lock or StampedLock"),
    FEWER_THREADS("run fewer threads than now"),
    SHORTEN_CRITICAL_SECTION("shorten or split the critical section"),
    ADOPT_ADAPTIVE_LOCK("adopt lockscope's adaptive lock"),
    /** Owners blocked (I/O, sleep, a wait for a signal) while holding it: the call, not the lock, makes the waits. */
    MOVE_BLOCKING_CALL_OUT("move the blocking call out of the critical section"),
    /** Owners themselves waiting for another lock while holding it: that lock is where the waits come from. */
    LOOK_AT_THE_LOCK_ITS_OWNERS_WAIT_FOR("look first at the lock its owners wait for"),
    /** Owners stopped by GC pauses or safepoints while holding it: no change to the lock would help. */
    NOT_THE_LOCK_GC_PAUSES("not the lock: GC pauses stop its owners"),
    INCONCLUSIVE("not enough evidence");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
