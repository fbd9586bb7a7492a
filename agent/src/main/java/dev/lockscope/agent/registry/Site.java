package dev.lockscope.agent.registry;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Where a lock comes from; its kind is one of {@link dev.lockscope.events.SiteKinds}. Construction sites are
 * allocated when a class is loaded; "first-contended" sites (locks built where we could not rewrite the construction,
 * e.g. inside the JDK) when first contended; monitor sites where a thread first waited for the monitor (the first
 * application frame of the JDK's monitor event), by class only when no such frame was seen. Totals of evicted lock
 * entries are folded in here, so per-site figures survive eviction.
 */
public final class Site {
    public final int id;
    public final String where;
    public final String kind;
    /** The lock class built here when it differs from what the synchronizer tells (agent option adapt=), else null. */
    public volatile String builtAs;
    /** Totals folded in from evicted or collected lock entries, same layout as {@link LockStats} counters. */
    final AtomicLongArray folded = new AtomicLongArray(LockStats.SITE_FIELDS);

    Site(int id, String where, String kind) {
        this.id = id;
        this.where = where;
        this.kind = kind;
    }

    /** The folded total of a summable field ({@link LockStats#summable}); 0 for any other field. */
    public long folded(int field) {
        return field >= 0 && field < LockStats.SITE_FIELDS ? folded.get(field) : 0;
    }

    @Override
    public String toString() {
        return where + " (" + kind + ")";
    }
}
