package dev.lockscope.agent.dispatch;

import java.util.concurrent.locks.LockSupport;

/**
 * Static entry points called by the hook calls woven into java.util.concurrent.locks (instrument/JdkLockHooks) and by
 * rewritten lock construction sites. Defined in the boot loader (instrument/BootInjector), so java.base can see it;
 * everything else lives in the agent's isolated loader behind {@link Hooks}.
 *
 * Rules: never throw, never block, return at once when the agent is off ({@link #hooks} is null).
 */
public final class LockscopeDispatch {
    /** The agent's hooks, or null when the agent is off. Volatile so turning off takes effect at once. */
    public static volatile Hooks hooks;

    private LockscopeDispatch() {
    }

    public static long waitBegin(Object sync, boolean shared) {
        Hooks h = hooks;
        if (h == null) {
            return 0L;
        }
        try {
            return h.waitBegin(sync, shared ? Hooks.MODE_SHARED : Hooks.MODE_EXCLUSIVE);
        } catch (Throwable t) {
            return 0L;
        }
    }

    /**
     * Entry of {@code AbstractQueued(Long)Synchronizer.acquire(Node, arg, shared, ...)}, the slow path entered only after
     * the fast-path try failed. A non-null node is a condition waiter re-acquiring after a signal: that time belongs to
     * the condition wait and is not counted here.
     */
    public static long acquireBegin(Object sync, Object node, boolean shared) {
        return node == null ? waitBegin(sync, shared) : 0L;
    }

    /** Exit of that {@code acquire}: passes its result through (positive when acquired). */
    public static int acquireEnd(int result, Object sync, long token) {
        waitEnd(sync, token, result > 0);
        return result;
    }

    /** Exit of {@code StampedLock.acquireWrite/acquireRead}: passes the stamp through (0 timed out, 1 interrupted). */
    public static long stampedEnd(long stamp, Object lock, long token) {
        waitEnd(lock, token, stamp > 1L || stamp < 0L);
        return stamp;
    }

    public static long stampedBegin(Object lock, boolean write) {
        Hooks h = hooks;
        if (h == null) {
            return 0L;
        }
        try {
            return h.waitBegin(lock, write ? Hooks.MODE_STAMPED_WRITE : Hooks.MODE_STAMPED_READ);
        } catch (Throwable t) {
            return 0L;
        }
    }

    public static void waitEnd(Object sync, long token, boolean acquired) {
        if (token == 0L) {
            return;
        }
        Hooks h = hooks;
        if (h == null) {
            return;
        }
        try {
            h.waitEnd(sync, token, acquired);
        } catch (Throwable t) {
            // never into the host
        }
    }

    /** Replaces {@code LockSupport.unpark} inside the synchronizers' wake-successor methods. */
    public static void unpark(Thread successor) {
        LockSupport.unpark(successor);
        Hooks h = hooks;
        if (h == null || successor == null) {
            return;
        }
        try {
            h.wokeSuccessor(successor);
        } catch (Throwable t) {
            // never into the host
        }
    }

    public static long conditionBegin(Object condition) {
        Hooks h = hooks;
        if (h == null) {
            return 0L;
        }
        try {
            return h.conditionBegin(condition);
        } catch (Throwable t) {
            return 0L;
        }
    }

    public static void conditionEnd(Object condition, long token) {
        if (token == 0L) {
            return;
        }
        Hooks h = hooks;
        if (h == null) {
            return;
        }
        try {
            h.conditionEnd(condition, token);
        } catch (Throwable t) {
            // never into the host
        }
    }

    /**
     * java.lang.VirtualThread's UNBLOCKED state (set from the class file before it is rewritten; -1 until then): the
     * state a run of a virtual thread starts in when it was unblocked after blocking on a monitor.
     */
    public static int virtualUnblockedState = -1;

    /**
     * Calls of {@link #virtualBlocking} that found no hooks (racy, a count of occurrences): they stop once a stopped
     * agent has given java.lang.VirtualThread back its own code and the runs begun before that have unmounted.
     */
    public static volatile long virtualCallsUnhooked;

    /** Called in {@code VirtualThread.afterYield} before a thread that blocked on a monitor is marked BLOCKED. */
    public static void virtualBlocking(Thread vthread) {
        Hooks h = hooks;
        if (h == null) {
            virtualCallsUnhooked++;
            return;
        }
        try {
            h.virtualBlocking(vthread);
        } catch (Throwable t) {
            // never into the host
        }
    }

    /** Called in {@code VirtualThread.runContinuation} when a run starts from UNBLOCKED, before the thread is mounted. */
    public static void virtualUnblocked(Thread vthread) {
        Hooks h = hooks;
        if (h == null) {
            return;
        }
        try {
            h.virtualUnblocked(vthread);
        } catch (Throwable t) {
            // never into the host
        }
    }

    /**
     * Called in {@code VirtualThread.runContinuation} after every unmount, with the state its run started from: one
     * compare, and a call to the agent only for a run that started unblocked (a monitor wait's retry).
     */
    public static void virtualUnmounted(Thread vthread, int startState) {
        if (startState != virtualUnblockedState) {
            return;
        }
        Hooks h = hooks;
        if (h == null) {
            return;
        }
        try {
            h.virtualUnmountedAfterUnblock(vthread);
        } catch (Throwable t) {
            // never into the host
        }
    }

    /** Construction sites with a budget slot: the site ids the rewriter makes constants are below this. */
    public static final int SITE_SLOTS = 1 << 16;
    /** A spent budget counts skipped constructions down to here, then stops writing (see {@link #SITE_BUDGET}). */
    public static final int SKIP_FLOOR = -(1 << 16);
    /**
     * Per construction site (index: the constant site id of a rewritten call): how many more of its constructions
     * get bound to it before the agent's next refill (registry.SiteBudgets, once a second). While positive a
     * construction takes one and is bound; at 0 and below it is only counted as skipped (the budget goes
     * negative) until {@link #SKIP_FLOOR}, after which a construction costs one load and one compare and
     * writes nothing, so a site that builds millions of short-lived locks is not slowed and its cache line is
     * not bounced between cores. Plain ints, racy by design (no atomics on the construction path): a lost
     * decrement binds one lock more, a lost skip is one skip less counted.
     */
    public static final int[] SITE_BUDGET = new int[SITE_SLOTS];

    /**
     * Called right after {@code new ReentrantLock(...)} (etc.) at a rewritten site, with the site's constant id.
     * Kept under 35 bytes of bytecode so every compiler tier inlines it: once a site's budget is spent and its
     * skips counted to the floor, a construction costs one array load and one compare. (The rewriter makes site
     * ids below {@link #SITE_SLOTS}; the mask only keeps a wrong id from throwing into the host.)
     */
    public static void constructed(Object lock, int site) {
        if (SITE_BUDGET[site & (SITE_SLOTS - 1)] > SKIP_FLOOR) {
            spend(lock, site);
        }
    }

    /** Out of line: takes one from the site's budget and binds, or counts one skip once the budget is spent. */
    private static void spend(Object lock, int site) {
        Hooks h = hooks;
        if (h == null) {
            return;
        }
        int[] budget = SITE_BUDGET;
        int i = site & (SITE_SLOTS - 1);
        int b = budget[i];
        budget[i] = b - 1;
        if (b > 0) {
            try {
                h.constructed(lock, site);
            } catch (Throwable t) {
                // never into the host
            }
        }
    }
}
