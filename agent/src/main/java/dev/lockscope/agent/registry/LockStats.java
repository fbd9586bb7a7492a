package dev.lockscope.agent.registry;

import dev.lockscope.events.Log2Histogram;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Contention figures for one lock instance, updated lock-free from hooks. Counters are cumulative; the
 * reporter computes per-period deltas from its own snapshot.
 */
public final class LockStats {
    public static final int WAITS = 0;
    public static final int WAIT_NS = 1;
    public static final int READ_WAITS = 2;
    public static final int WRITE_WAITS = 3;
    public static final int FAILED_WAITS = 4;
    public static final int HOLDS = 5;
    public static final int HOLD_NS = 6;
    public static final int COND_WAITS = 7;
    public static final int COND_NS = 8;
    /** Fields below this are summable and get folded into the site on eviction (see {@link #summable}). */
    public static final int FOLDED_FIELDS = 9;
    public static final int MAX_WAIT = 9;
    public static final int MAX_HOLD = 10;
    public static final int WAITERS = 11;
    public static final int MAX_WAITERS = 12;
    /** Wait ns during which the owner's on-CPU time was measured (native probe), and that on-CPU time. */
    public static final int OWNER_MEASURED_NS = 13;
    public static final int OWNER_ON_CPU_NS = 14;
    /** Futex calls of waiter and owner during waits that one counting window covered, and those waits. */
    public static final int FUTEX_CALLS = 15;
    public static final int FUTEX_WAITS = 16;
    /** Of {@link #WAITS}, those of virtual threads. */
    public static final int VIRTUAL_WAITS = 17;
    /** Of {@link #OWNER_MEASURED_NS}, the wait ns whose owner was a virtual thread measured through its carrier. */
    public static final int OWNER_VIA_CARRIER_NS = 18;
    /** Waits whose owner at their start was a virtual thread. */
    public static final int OWNER_VIRTUAL_WAITS = 19;
    /** Fields of a site's folded totals: the summable counters below the histogram. */
    public static final int SITE_FIELDS = 20;
    public static final int HIST = 20;
    /**
     * Log2 histogram of contended hold spans. Each span bounds the hold it starts with from above, so the spans'
     * median bounds the holds' median: far tighter than the mean, which a few spans over many sections inflate.
     */
    public static final int HOLD_HIST = HIST + Log2Histogram.BUCKETS;
    public static final int FIELDS = HOLD_HIST + Log2Histogram.BUCKETS;
    static final int OWNER_SLOTS = 4;

    /** Null for monitors, which are keyed by class and address instead. */
    final WeakReference<Object> ref;
    final int hash;
    /** Identity hash of the synchronizer; for monitors the object's address. */
    private final long id;
    public final String lockClass;
    /**
     * Fixed for java.util.concurrent locks. A monitor seen only in Object.wait calls so far gets its site from its
     * first contended enter ({@link LockRegistry#monitor}); written under the registry's monitor lock, which every
     * reader of monitor entries ({@link LockRegistry#all}) takes too.
     */
    public Site site;
    public final String source;
    final AtomicLongArray c = new AtomicLongArray(FIELDS);
    // Owner sampling (space-saving heavy hitters); racy by design, counts are samples.
    private final long[] ownerIds = new long[OWNER_SLOTS];
    private final String[] ownerNames = new String[OWNER_SLOTS];
    private final AtomicLongArray ownerCounts = new AtomicLongArray(OWNER_SLOTS);
    private final AtomicLongArray ownerTotal = new AtomicLongArray(1);
    /**
     * For a monitor known as an object: the virtual thread that last took it after a wait the agent timed (weakly
     * held), the owner a later waiter is given (the JDK's previousOwner rule). Written by carriers, racy by design.
     */
    private volatile java.lang.ref.WeakReference<Thread> lastAcquirer;
    /** Reporter-only: counters at the previous summary. */
    long[] reported;
    /**
     * System.nanoTime from which the next contended hold of this lock may be timed (the hooks' hold-span rate).
     * Plain: only written by a thread that has just acquired the lock exclusively, so the lock orders the writers.
     */
    private long nextHoldSpanAt = System.nanoTime();

    LockStats(Object key, int hash, String lockClass, Site site, String source) {
        this(key, hash, hash & 0xffffffffL, lockClass, site, source);
    }

    /** A java.util.concurrent lock's entry: keyed by its synchronizer's identity, its id the identity hash. */
    public static LockStats lock(Object sync, int hash, String lockClass, Site site, String source) {
        return new LockStats(sync, hash, lockClass, site, source);
    }

    /**
     * A monitor known as an object (a virtual thread's wait, which the JDK records no event for): keyed by identity,
     * like a java.util.concurrent lock, its id the identity hash.
     */
    public static LockStats monitorObject(Object monitor, int hash, Site site, String source) {
        return new LockStats(monitor, hash, monitor.getClass().getName(), site, source);
    }

    /** A monitor's entry: keyed by class and address, its id the whole address. */
    static LockStats monitor(long address, String monitorClass, Site site, String source) {
        return new LockStats(null, (int) address, address, monitorClass, site, source);
    }

    private LockStats(Object key, int hash, long id, String lockClass, Site site, String source) {
        this.ref = key == null ? null : new WeakReference<>(key);
        this.hash = hash;
        this.id = id;
        this.lockClass = lockClass;
        this.site = site;
        this.source = source;
    }

    /** Counters at the previous summary (reporter thread only). */
    public long[] reported() {
        if (reported == null) {
            reported = new long[FIELDS];
        }
        return reported;
    }

    public void reported(long[] snapshot) {
        reported = snapshot;
    }

    /** A maximum since the previous call, then reset (reporter thread; a racing update may be lost). */
    public long takeMax(int field) {
        return c.getAndSet(field, 0);
    }

    public long get(int field) {
        return c.get(field);
    }

    /** A thread starts waiting; returns the number of waiters including it. */
    public int waiterArrived() {
        long w = c.incrementAndGet(WAITERS);
        max(MAX_WAITERS, w);
        return (int) w;
    }

    public void waiterLeft() {
        c.decrementAndGet(WAITERS);
    }

    public void recordWait(long nanos, boolean read, boolean acquired) {
        recordWait(nanos, read, acquired, false);
    }

    /** A wait ended; {@code virtual}: the waiter was a virtual thread. */
    public void recordWait(long nanos, boolean read, boolean acquired, boolean virtual) {
        if (virtual) {
            c.incrementAndGet(VIRTUAL_WAITS);
        }
        c.incrementAndGet(WAITS);
        c.addAndGet(WAIT_NS, nanos);
        c.incrementAndGet(read ? READ_WAITS : WRITE_WAITS);
        if (!acquired) {
            c.incrementAndGet(FAILED_WAITS);
        }
        max(MAX_WAIT, nanos);
        c.incrementAndGet(HIST + Log2Histogram.bucket(nanos));
    }

    /** The owner was on a CPU for {@code onCpuNanos} of a {@code waitNanos} wait (clamped to the wait). */
    public void recordOwnerOnCpu(long waitNanos, long onCpuNanos) {
        recordOwnerOnCpu(waitNanos, onCpuNanos, false);
    }

    /** As above; {@code viaCarrier}: the owner was a virtual thread, read through the carrier it was mounted on. */
    public void recordOwnerOnCpu(long waitNanos, long onCpuNanos, boolean viaCarrier) {
        if (viaCarrier) {
            c.addAndGet(OWNER_VIA_CARRIER_NS, waitNanos);
        }
        c.addAndGet(OWNER_MEASURED_NS, waitNanos);
        c.addAndGet(OWNER_ON_CPU_NS, Math.max(0, Math.min(waitNanos, onCpuNanos)));
    }

    /** Waiter and owner made {@code calls} futex calls during one fully counted wait. */
    public void recordFutexCalls(long calls) {
        c.incrementAndGet(FUTEX_WAITS);
        c.addAndGet(FUTEX_CALLS, Math.max(0, calls));
    }

    public void recordHold(long nanos) {
        c.incrementAndGet(HOLDS);
        c.addAndGet(HOLD_NS, nanos);
        c.incrementAndGet(HOLD_HIST + Log2Histogram.bucket(nanos));
        max(MAX_HOLD, nanos);
    }

    public void recordConditionWait(long nanos) {
        c.incrementAndGet(COND_WAITS);
        c.addAndGet(COND_NS, nanos);
    }

    /** As {@link #sampleOwner(long, String)}, counting a virtual-thread owner. */
    public void sampleOwner(long tid, String name, boolean virtual) {
        if (virtual && tid >= 0) {
            c.incrementAndGet(OWNER_VIRTUAL_WAITS);
        }
        sampleOwner(tid, name);
    }

    public void sampleOwner(long tid, String name) {
        if (tid < 0) {
            return;
        }
        ownerTotal.incrementAndGet(0);
        int min = 0;
        for (int i = 0; i < OWNER_SLOTS; i++) {
            if (ownerIds[i] == tid + 1) {
                ownerCounts.incrementAndGet(i);
                return;
            }
            if (ownerCounts.get(i) < ownerCounts.get(min)) {
                min = i;
            }
        }
        // Space-saving: the least-seen slot is taken over and inherits its count.
        ownerIds[min] = tid + 1;
        ownerNames[min] = name;
        ownerCounts.incrementAndGet(min);
    }

    /** The most-seen owner since the last reset and its share of the samples, or null. */
    public Object[] topOwnerAndReset() {
        int best = -1;
        for (int i = 0; i < OWNER_SLOTS; i++) {
            if (ownerIds[i] != 0 && (best < 0 || ownerCounts.get(i) > ownerCounts.get(best))) {
                best = i;
            }
        }
        long total = ownerTotal.getAndSet(0, 0);
        Object[] r = best < 0 || total == 0 ? null
                : new Object[] {ownerNames[best], Math.min(1.0, ownerCounts.get(best) / (double) total)};
        for (int i = 0; i < OWNER_SLOTS; i++) {
            ownerCounts.set(i, 0);
            ownerIds[i] = 0;
            ownerNames[i] = null;
        }
        return r;
    }

    public Thread lastAcquirer() {
        java.lang.ref.WeakReference<Thread> r = lastAcquirer;
        return r == null ? null : r.get();
    }

    public void lastAcquirer(Thread t) {
        lastAcquirer = t == null ? null : new java.lang.ref.WeakReference<>(t);
    }

    /** Whether a contended hold that starts at {@code now} may be timed: the last timed one began long enough ago. */
    public boolean holdSpanDue(long now) {
        return now - nextHoldSpanAt >= 0;
    }

    /** A hold span is timed from {@code now}: the next one may start {@code everyNanos} later. */
    public void holdSpanTimed(long now, long everyNanos) {
        nextHoldSpanAt = now + everyNanos;
    }

    /** Identity hash of the synchronizer; for monitors the object's address (a moved monitor is a new entry). */
    public long lockId() {
        return id;
    }

    boolean isCollected() {
        return ref != null && ref.get() == null;
    }

    /** Counters that add up across lock instances (not the maxima and the current waiter count). */
    public static boolean summable(int field) {
        return field < FOLDED_FIELDS || (field >= OWNER_MEASURED_NS && field < SITE_FIELDS);
    }

    void foldInto(Site s) {
        for (int i = 0; i < SITE_FIELDS; i++) {
            if (!summable(i)) {
                continue;
            }
            long v = c.get(i);
            if (v != 0) {
                s.folded.addAndGet(i, v);
            }
        }
    }

    private void max(int field, long v) {
        long cur;
        while (v > (cur = c.get(field))) {
            if (c.compareAndSet(field, cur, v)) {
                return;
            }
        }
    }
}
