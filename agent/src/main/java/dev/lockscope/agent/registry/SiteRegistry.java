package dev.lockscope.agent.registry;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Interns sites by their text, lock-free (it is used inside hooks), bounded: when full, new sites map to
 * one shared "other" site.
 */
public final class SiteRegistry {
    private final AtomicReferenceArray<Site> byId;
    private final AtomicReferenceArray<Site> byText;
    private final AtomicInteger next = new AtomicInteger(1);
    private final Site other;

    public SiteRegistry(int capacity) {
        int cap = Integer.highestOneBit(Math.max(64, capacity) - 1) << 1;
        byId = new AtomicReferenceArray<>(cap);
        byText = new AtomicReferenceArray<>(cap * 2);
        other = new Site(0, "other", "overflow");
        byId.set(0, other);
    }

    public Site byId(int id) {
        if (id <= 0 || id >= byId.length()) {
            return other;
        }
        Site s = byId.get(id);
        return s == null ? other : s;
    }

    public Site other() {
        return other;
    }

    /** All interned sites (including "other"), in id order. */
    public int size() {
        return Math.min(next.get(), byId.length());
    }

    public Site intern(String where, String kind) {
        int mask = byText.length() - 1;
        int i = mix(where.hashCode() * 31 + kind.hashCode()) & mask;
        for (int probe = 0; probe < 32; probe++) {
            int slot = (i + probe) & mask;
            Site s = byText.get(slot);
            if (s == null) {
                int id = next.getAndIncrement();
                if (id >= byId.length()) {
                    return other;
                }
                Site created = new Site(id, where, kind);
                if (byText.compareAndSet(slot, null, created)) {
                    byId.set(id, created);
                    return created;
                }
                s = byText.get(slot);
            }
            if (s.where.equals(where) && s.kind.equals(kind)) {
                return s;
            }
        }
        return other;
    }

    static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }
}
