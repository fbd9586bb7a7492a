package dev.lockscope.agent.registry;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Which construction site made a synchronizer: a direct-mapped table keyed by identity hash, holding no
 * references (so it never keeps a lock alive and never allocates). A later lock hashing to the same slot
 * overwrites the binding; the loss is counted and the lock then falls back to its first-contended site.
 */
public final class SiteBindings {
    private final long[] slots;
    private final int mask;
    private final AtomicLong overwrites = new AtomicLong();

    public SiteBindings(int capacity) {
        int cap = Integer.highestOneBit(Math.max(1024, capacity) - 1) << 1;
        slots = new long[cap];
        mask = cap - 1;
    }

    public void bind(Object sync, int siteId) {
        int h = System.identityHashCode(sync);
        int i = SiteRegistry.mix(h) & mask;
        long old = slots[i];
        if (old != 0 && (int) (old >>> 32) != h) {
            overwrites.incrementAndGet();
        }
        slots[i] = ((long) h << 32) | (siteId & 0xffffffffL);
    }

    /** The bound site id, or 0 when unknown. */
    public int siteOf(Object sync, int identityHash) {
        long v = slots[SiteRegistry.mix(identityHash) & mask];
        return v != 0 && (int) (v >>> 32) == identityHash ? (int) v : 0;
    }

    public long overwrites() {
        return overwrites.get();
    }
}
