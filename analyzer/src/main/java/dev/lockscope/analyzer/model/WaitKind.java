package dev.lockscope.analyzer.model;

/**
 * Why a thread was not running. Lock acquisition is what lockscope ranks; condition waits and other parks
 * are reported apart so that an idle consumer or executor never looks like a hot lock.
 */
public enum WaitKind {
    /** Waiting to acquire a lock: a monitor enter, or an AQS / StampedLock acquisition park. */
    LOCK("lock acquisition"),
    /** Waiting for a signal: {@code Object.wait}, {@code Condition.await}. */
    CONDITION("condition wait"),
    /** Any other park: executor queues, futures, latches, plain {@code LockSupport.park}. */
    OTHER_PARK("other park"),
    /** A virtual thread pinned to its carrier. */
    PINNED("virtual-thread pinning");

    private final String label;

    WaitKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
