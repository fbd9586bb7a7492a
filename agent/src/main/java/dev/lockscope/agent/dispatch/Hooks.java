package dev.lockscope.agent.dispatch;

/**
 * What the boot-loader dispatcher forwards to. Implemented in the agent's own class loader ({@code hooks.LockHooks});
 * this interface lives in the boot loader so that the hook calls woven into java.base can reach the agent.
 */
public interface Hooks {
    int MODE_EXCLUSIVE = 0;
    int MODE_SHARED = 1;
    int MODE_STAMPED_WRITE = 2;
    int MODE_STAMPED_READ = 3;

    /** A thread is about to queue on {@code sync}; returns a non-zero token when the wait is tracked. */
    long waitBegin(Object sync, int mode);

    /** The tracked wait that {@link #waitBegin} started has ended. */
    void waitEnd(Object sync, long token, boolean acquired);

    /** The current thread (releasing a lock) is waking {@code successor}. */
    void wokeSuccessor(Thread successor);

    /** A {@code Condition.await*} call on the condition object {@code condition} starts; returns a token. */
    long conditionBegin(Object condition);

    /** The condition wait ended (the lock is held again). */
    void conditionEnd(Object condition, long token);

    /** A lock constructed at a rewritten call site: {@code site} is a constant allocated at class load. */
    void constructed(Object lock, int site);

    /**
     * JDK 24+: virtual thread {@code vthread}, blocked entering a monitor, has unmounted and is about to be marked
     * blocked (called on its carrier, before anyone can unblock it).
     */
    default void virtualBlocking(Thread vthread) {
    }

    /** That virtual thread was unblocked and is about to be mounted again to retry the monitor (on its carrier). */
    default void virtualUnblocked(Thread vthread) {
    }

    /** That virtual thread, mounted after an unblock, has unmounted again: it took the monitor or blocked anew. */
    default void virtualUnmountedAfterUnblock(Thread vthread) {
    }
}
