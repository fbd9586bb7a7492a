package dev.lockscope.agent.registry;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Which construction site made a synchronizer. Construction only appends (lock, site) to a fixed ring, no
 * hashing, no allocation; the agent's background thread drains the ring into a direct-mapped table keyed by
 * identity hash that holds no references (so it never keeps a lock alive), every 5 ms while bindings stream in
 * and once a second when they do not (an undrained ring entry keeps its lock alive until then). A quiet drainer
 * sleeps in {@link #awaitBindings}, and every {@link #WAKE_EVERY}th binding wakes it, so a burst after a quiet
 * spell is drained before it can wrap the ring.
 * A lock contended before it was drained is found by scanning the undrained part of the ring. Only the
 * constructions a site's budget allows get here ({@link SiteBudgets}). Bindings lost to overflow of the
 * ring or to a later lock hashing to the same table slot are counted; such a lock falls back to its
 * first-contended site.
 */
public final class SiteBindings {
    static final int RING = 1 << 13;
    /** A drain that moved more than this many bindings means constructions are streaming in: drain again soon. */
    public static final int BUSY_DRAIN = RING / 16;
    /** bind() wakes a sleeping drainer each time this many more bindings arrive: a quarter of the ring. */
    static final int WAKE_EVERY = RING / 4;
    private static final VarHandle OBJ = MethodHandles.arrayElementVarHandle(Object[].class);

    private final long[] slots;
    private final int mask;
    private final Object[] ringObj = new Object[RING];
    private final int[] ringSite = new int[RING];
    private final AtomicLong head = new AtomicLong();
    /** Ring entries before this are in the table (or lost); published after each drain for {@link #siteOf}. */
    private volatile long drained;
    private final AtomicLong lost = new AtomicLong();
    /** The thread sleeping in {@link #awaitBindings}, for bind() to wake. */
    private volatile Thread drainer;

    public SiteBindings(int capacity) {
        int cap = Integer.highestOneBit(Math.max(1024, capacity) - 1) << 1;
        slots = new long[cap];
        mask = cap - 1;
    }

    /**
     * On the application's construction path: two stores and one atomic increment, and once in {@link #WAKE_EVERY}
     * bindings an unpark of the drainer (no lock, no allocation).
     */
    public void bind(Object sync, int siteId) {
        int i = (int) head.getAndIncrement() & (RING - 1);
        ringSite[i] = siteId;
        OBJ.setRelease(ringObj, i, sync);
        if ((i & (WAKE_EVERY - 1)) == WAKE_EVERY - 1) {
            Thread t = drainer;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    /**
     * Sleeps the draining thread for up to {@code maxMs}, returning early when a quarter of the ring has filled
     * since the last wake-up (or on a spurious wake-up: the caller just drains early).
     */
    public void awaitBindings(long maxMs) throws InterruptedException {
        drainer = Thread.currentThread();
        LockSupport.parkNanos(this, maxMs * 1_000_000L);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    /** Moves ring entries into the table (agent background thread only); returns how many it looked at. */
    public int drain() {
        long h = head.get();
        long d = drained;
        long from = d;
        if (h - d > RING) {
            lost.addAndGet(h - d - RING);
            d = h - RING;
        }
        for (; d < h; d++) {
            int i = (int) d & (RING - 1);
            Object o = OBJ.getAcquire(ringObj, i);
            if (o == null) {
                // Claimed by bind() but not stored yet: pick it up on the next drain, so siteOf still scans it.
                break;
            }
            int site = ringSite[i];
            if (OBJ.compareAndSet(ringObj, i, o, null)) {
                put(o, site);
            }
        }
        drained = d;
        return (int) (d - from);
    }

    private void put(Object sync, int siteId) {
        int hash = System.identityHashCode(sync);
        int i = SiteRegistry.mix(hash) & mask;
        long old = slots[i];
        if (old != 0 && (int) (old >>> 32) != hash) {
            lost.incrementAndGet();
        }
        slots[i] = ((long) hash << 32) | (siteId & 0xffffffffL);
    }

    /**
     * The bound site id, or 0 when unknown (slow path: first contention of a lock). Scans only the ring entries
     * not drained yet (a few milliseconds' worth), so a lock whose construction was not bound (over its site's
     * budget) costs its first contention a short scan, not the whole ring.
     */
    public int siteOf(Object sync, int identityHash) {
        long h = head.get();
        long from = Math.max(drained, h - RING);
        for (long k = h - 1; k >= from; k--) {
            int i = (int) k & (RING - 1);
            if (OBJ.getAcquire(ringObj, i) == sync) {
                return ringSite[i];
            }
        }
        long v = slots[SiteRegistry.mix(identityHash) & mask];
        if (v != 0 && (int) (v >>> 32) == identityHash) {
            return (int) v;
        }
        return 0;
    }

    /** Bindings lost to ring overflow or table collisions. */
    public long overwrites() {
        return lost.get();
    }
}
