package dev.lockscope.agent.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Per-instance stats of contended java.util.concurrent locks: open addressing on identity hash, weak keys,
 * fixed capacity, lock-free (used inside hooks). When a probe run finds no free slot, the home slot's entry
 * is evicted: its counts are folded into its site and the eviction is counted.
 */
public final class LockTable {
    private static final int PROBES = 8;

    /** Supplies the lock class and site of a synchronizer seen for the first time (slow path). */
    public interface Describer {
        LockStats describe(Object sync, int identityHash);
    }

    private final AtomicReferenceArray<LockStats> slots;
    private final int mask;
    private final int capacity;
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong evictions = new AtomicLong();
    private final AtomicLong collected = new AtomicLong();

    public LockTable(int maxLocks) {
        capacity = Math.max(16, maxLocks);
        int cap = Integer.highestOneBit(capacity * 2 - 1) << 1;
        slots = new AtomicReferenceArray<>(cap);
        mask = cap - 1;
    }

    public LockStats getOrCreate(Object sync, Describer describer) {
        int h = System.identityHashCode(sync);
        int home = SiteRegistry.mix(h) & mask;
        LockStats created = null;
        int victim = home;
        for (int attempt = 0; attempt < 3; attempt++) {
            int free = -1;
            // Scan the whole probe run (entries may sit behind a slot emptied by sweep()).
            for (int p = 0; p < PROBES; p++) {
                int i = (home + p) & mask;
                LockStats s = slots.get(i);
                if (s == null) {
                    if (free < 0) {
                        free = i;
                    }
                    continue;
                }
                if (slots.get(victim) == null) {
                    victim = i;
                }
                if (s.hash == h && s.ref.get() == sync) {
                    return s;
                }
                if (free < 0 && s.isCollected()) {
                    free = i;
                }
            }
            if (created == null) {
                created = describer.describe(sync, h);
            }
            if (free < 0) {
                break;
            }
            LockStats old = slots.get(free);
            if (old == null ? size.get() >= capacity : false) {
                break;
            }
            if (slots.compareAndSet(free, old, created)) {
                if (old == null) {
                    size.incrementAndGet();
                } else {
                    old.foldInto(old.site);
                    collected.incrementAndGet();
                }
                return created;
            }
            // Lost a race for the slot (maybe to another waiter on this very lock): look again.
        }
        // Full: evict an occupied slot of this probe run, or the next occupied one after it.
        for (int p = PROBES; p < 4 * PROBES && slots.get(victim) == null; p++) {
            victim = (home + p) & mask;
        }
        LockStats old = slots.getAndSet(victim, created);
        if (old == null) {
            size.incrementAndGet();
        } else {
            old.foldInto(old.site);
            evictions.incrementAndGet();
        }
        return created;
    }

    /** Live entries (reporter thread). */
    public List<LockStats> entries() {
        List<LockStats> out = new ArrayList<>();
        for (int i = 0; i < slots.length(); i++) {
            LockStats s = slots.get(i);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /** Drops entries whose lock was garbage collected, folding their counts into their sites (agent thread, each second). */
    public void sweep() {
        for (int i = 0; i < slots.length(); i++) {
            LockStats s = slots.get(i);
            if (s != null && s.isCollected() && slots.compareAndSet(i, s, null)) {
                s.foldInto(s.site);
                size.decrementAndGet();
                collected.incrementAndGet();
            }
        }
    }

    public int size() {
        return size.get();
    }

    public int capacity() {
        return capacity;
    }

    public long evictions() {
        return evictions.get();
    }

    public long collected() {
        return collected.get();
    }
}
