package dev.lockscope.agent.hooks;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Java thread id to kernel tid, so a waiter can read its lock owner's figures in the native probe's map.
 * Threads register themselves from hooked slow paths (never from an uncontended lock). Fixed size and
 * lock-free: each Java id has two candidate slots; a newcomer takes an empty or its own slot, else overwrites
 * the first (the evicted thread registers again on its next slow path). Entries pack (java id, tid) into one
 * long, so a reader never sees one thread's id with another's tid.
 */
public final class ThreadTids {
    /** Kernel tids fit in 22 bits (pid_max is at most 2^22); Java ids get the upper 41 bits. */
    private static final int TID_BITS = 22;
    private static final long TID_MASK = (1L << TID_BITS) - 1;

    private final AtomicLongArray slots;
    private final int mask;

    /** {@code capacity} is rounded up to a power of two (at least 2). */
    public ThreadTids(int capacity) {
        int n = 2;
        while (n < capacity) {
            n <<= 1;
        }
        slots = new AtomicLongArray(n);
        mask = n - 1;
    }

    /** Records {@code tid} for Java thread {@code javaId}; a plain load when it is already there. */
    public void register(long javaId, int tid) {
        if (tid <= 0 || tid > TID_MASK || javaId < 0) {
            return;
        }
        long entry = pack(javaId, tid);
        int a = first(javaId);
        int b = a ^ 1;
        long ea = slots.get(a);
        if (ea == entry || slots.get(b) == entry) {
            return;
        }
        if (ea == 0 || idOf(ea) == javaId) {
            slots.set(a, entry);
        } else {
            long eb = slots.get(b);
            slots.set(eb == 0 || idOf(eb) == javaId ? b : a, entry);
        }
    }

    /** The kernel tid registered for {@code javaId}, or -1. */
    public int tidOf(long javaId) {
        if (javaId < 0) {
            return -1;
        }
        int a = first(javaId);
        long e = slots.get(a);
        if (e != 0 && idOf(e) == javaId) {
            return (int) (e & TID_MASK);
        }
        e = slots.get(a ^ 1);
        return e != 0 && idOf(e) == javaId ? (int) (e & TID_MASK) : -1;
    }

    public int capacity() {
        return mask + 1;
    }

    private int first(long javaId) {
        long h = javaId * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask & ~1;
    }

    private static long pack(long javaId, int tid) {
        return ((javaId + 1) << TID_BITS) | tid;
    }

    private static long idOf(long entry) {
        return (entry >>> TID_BITS) - 1;
    }
}
