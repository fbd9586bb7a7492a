package dev.lockscope.agent.boot;

import java.util.concurrent.locks.LockSupport;

/**
 * Static entry points called by advice inlined into java.util.concurrent.locks and by rewritten lock
 * construction sites. Loaded by the boot loader (appended to its search path), so java.base can see it;
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

    /** Called right after {@code new ReentrantLock(...)} (etc.) at a rewritten site; returns the lock. */
    public static void constructed(Object lock, int site) {
        Hooks h = hooks;
        if (h == null) {
            return;
        }
        try {
            h.constructed(lock, site);
        } catch (Throwable t) {
            // never into the host
        }
    }
}
