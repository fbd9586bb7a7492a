package dev.lockscope.agent.monitor;

import dev.lockscope.agent.hooks.ProbeReads;
import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded history of the cumulative on-CPU ns of this process's threads, read from the native probe's map
 * every {@link #INTERVAL_MS} ms on the agent's own thread. {@code synchronized} waits reach the agent after the
 * fact (JDK events, about a second late), so the owner's on-CPU time at a wait's start and end can only be
 * looked up afterwards: here, by interpolating between the snapshots around each end.
 *
 * <p>Watched threads: those seen in monitor events first (waiters and previous owners), then the other threads
 * of the process, up to {@link #MAX_THREADS}. All state belongs to the snapshot thread; other threads hand it
 * work through a lock-free queue ({@link #submit}), so the agent never contends a lock of its own (which would
 * show up in the user's recordings as one more contended monitor).
 *
 * <p>The pace: a wait gets a share only when its start and end both fall between fast snapshots, and the fast pace
 * can only begin once contention is known. Events tell of it a second after the fact, so waiting for them (and then
 * for the idle sleep to end) lost a burst's first seconds. The thread therefore also looks for a monitor wait in
 * progress at every idle wake-up, and is woken as soon as an event long enough for the snapshots arrives.
 */
public final class OnCpuSnapshots {
    public static final long INTERVAL_MS = 5;
    /** Snapshot history: 640 x 5 ms = 3.2 s, longer than the JFR stream's delivery delay plus most monitor waits. */
    static final int SLOTS = 640;
    /** At most this many threads watched: memory is SLOTS x MAX_THREADS x 8 bytes = 640 KiB. */
    static final int MAX_THREADS = 128;
    /** The thread list is re-read from /proc/self/task this often (ms). */
    static final long LIST_EVERY_MS = 200;
    /**
     * Snapshots between bursts of measurable monitor waits: one wake-up a second. At 100 ms the idle agent cost the
     * 8-thread overhead benchmark about 2% beside no agent, and 1 s took back most of it (docs/PERFORMANCE.md,
     * "Agent overhead on the lock paths"). Waits arriving while slow get a share only when 5 s or longer (the rest
     * are counted).
     */
    static final long IDLE_INTERVAL_MS = 1000;
    /**
     * Each measurable monitor wait keeps the fast cadence for this many times its length, up to {@link #MAX_FAST_MS}
     * ahead: the snapshot thread's wake-ups follow the monitor contention there is to measure. On a host whose cores
     * are all busy each wake-up can preempt a lock owner; at 200 a second they cost the 8-thread overhead benchmark
     * 4% (docs/PERFORMANCE.md, "Agent overhead on the lock paths"), so a stray wait must not buy seconds of them.
     */
    static final int FAST_PER_WAIT = 10;
    static final long MAX_FAST_MS = 10_000;
    /**
     * A wait seen in progress and still going on {@link MonitorOwnerShare#MEASURABLE_WAIT_NS} later keeps the fast
     * pace this long: the JDK hands the stream its events about once a second, so by then the events of this
     * contention have arrived and their own grants ({@link #FAST_PER_WAIT}) take over or let the pace fall back.
     */
    static final long SEEN_WAIT_FAST_MS = 2 * IDLE_INTERVAL_MS;
    /** How the cadence reads in the figures' labels. */
    public static final String CADENCE = "snapshots every " + INTERVAL_MS + " ms while synchronized waits long enough"
            + " for them arrive or are seen going on, every " + IDLE_INTERVAL_MS + " ms otherwise";
    private static final long MS = 1_000_000L;

    private final ProbeReads reads;
    private final long[] times = new long[SLOTS];
    private final Map<Integer, long[]> series = new HashMap<>();
    /** The watched threads and their histories, as arrays: what each snapshot walks. */
    private int[] watched = new int[0];
    private long[][] watchedSeries = new long[0][];
    private List<Integer> lastOthers;
    private boolean watchChanged;
    /** Tids seen in monitor events, most recent last (bounded). */
    private final LinkedHashMap<Integer, Boolean> learned = new LinkedHashMap<>(64, 0.75f, true);
    /** Next slot to write; total snapshots taken. */
    private int next;
    private long taken;
    private volatile boolean running;
    /** The snapshot thread, for wake-ups. */
    private volatile Thread thread;
    /**
     * System.nanoTime until which snapshots come every INTERVAL_MS, slow until monitors contend. Written by the
     * monitor stream's thread (events) and the snapshot thread (waits seen in progress), hence atomic.
     */
    private final AtomicLong fastUntil = new AtomicLong(System.nanoTime());
    private final MonitorWaitsInProgress waitsInProgress;
    /** Runs between the decision to sleep slow and the park (tests widen that window with it); null otherwise. */
    volatile Runnable beforeIdlePark;
    /** Work for the snapshot thread, bounded by {@link #MAX_PENDING}. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> tasks = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();
    static final int MAX_PENDING = 4096;

    public OnCpuSnapshots(ProbeReads reads) {
        this(reads, threadStates());
    }

    OnCpuSnapshots(ProbeReads reads, MonitorWaitsInProgress waitsInProgress) {
        this.reads = reads;
        this.waitsInProgress = waitsInProgress;
    }

    private static MonitorWaitsInProgress threadStates() {
        try {
            return new BlockedThreads();
        } catch (Throwable noThreadManagement) {
            // e.g. a runtime image without java.management: events alone turn the pace fast
            return MonitorWaitsInProgress.NONE;
        }
    }

    /** Starts the snapshot thread (daemon: never keeps the host alive). */
    public void start() {
        running = true;
        Thread t = new Thread(this::loop, "lockscope-oncpu-snapshots");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Stops the snapshot thread; it ends at once, not after its idle sleep. */
    public void stop() {
        running = false;
        wake();
    }

    /**
     * Runs {@code task} on the snapshot thread after its next snapshot; false (and not run) when
     * {@link #MAX_PENDING} tasks wait already.
     */
    public boolean submit(Runnable task) {
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            return false;
        }
        tasks.add(task);
        return true;
    }

    /**
     * A monitor wait of {@code waitNanos} that fast snapshots can resolve: keep them fast for {@link #FAST_PER_WAIT}
     * times its length after now (or after the fast time already granted), at most {@link #MAX_FAST_MS} ahead.
     */
    void measurableWait(long waitNanos, long now) {
        long before = fastUntil.getAndUpdate(
                until -> Math.min(Math.max(until, now) + FAST_PER_WAIT * waitNanos, now + MAX_FAST_MS * MS));
        // The pace was slow: the snapshot thread may be in its idle sleep, with up to IDLE_INTERVAL_MS of it left,
        // while this contention goes on unmeasured. Wake it. The clock is read after the update: a snapshot thread
        // that read the old value and chose to sleep read its clock before ours, so before <= its clock <= ours
        // and it is woken. unpark leaves a permit when the thread is not yet parked, so that wake-up is not lost.
        // Only this slow-to-fast turn wakes it: while fast it wakes every INTERVAL_MS anyway.
        if (before - System.nanoTime() <= 0) {
            wake();
        }
    }

    /** A monitor wait seen going on for MEASURABLE_WAIT_NS at {@code now} (snapshot thread). */
    void waitSeenInProgress(long now) {
        fastUntil.getAndUpdate(until -> Math.max(until, now + SEEN_WAIT_FAST_MS * MS));
    }

    /** Whether the snapshot taken at {@code now} is followed by the next one after INTERVAL_MS (else IDLE_INTERVAL_MS). */
    boolean fast(long now) {
        return now - fastUntil.get() < 0;
    }

    private void wake() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Runs the submitted tasks (snapshot thread; tests). */
    void runTasks() {
        int n = pending.get();
        for (int i = 0; i < n; i++) {
            Runnable r = tasks.poll();
            if (r == null) {
                return;
            }
            pending.decrementAndGet();
            try {
                r.run();
            } catch (RuntimeException ignored) {
                // one bad task must not stop the others
            }
        }
    }

    /** The time of the newest snapshot (System.nanoTime), or Long.MIN_VALUE before the first. */
    long newest() {
        return taken == 0 ? Long.MIN_VALUE : times[(next + SLOTS - 1) % SLOTS];
    }

    /** A thread seen in a monitor event: watch it first from now on (snapshot thread; others submit it). */
    void learn(int tid) {
        if (tid > 0) {
            if (!learned.containsKey(tid)) {
                watchChanged = true;
            }
            learned.put(tid, Boolean.TRUE);
            if (learned.size() > MAX_THREADS) {
                Iterator<Integer> it = learned.keySet().iterator();
                it.next();
                it.remove();
            }
        }
    }

    private void loop() {
        long lastList = 0;
        boolean wasFast = false;
        List<Integer> others = new ArrayList<>();
        while (running) {
            try {
                long now = System.nanoTime();
                boolean fastNow = fast(now);
                // Turning fast: the contention's threads may have started since the last list, up to a second ago.
                if (now - lastList >= LIST_EVERY_MS * MS || (fastNow && !wasFast)) {
                    lastList = now;
                    others = listTasks();
                }
                wasFast = fastNow;
                snapshot(others, System.nanoTime());
                runTasks();
                pause();
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) {
                // A bad read must not end the history; the next snapshot tries again.
            }
        }
    }

    /**
     * Waits until the next snapshot is due: INTERVAL_MS while fast; otherwise IDLE_INTERVAL_MS, cut short when a
     * measurable wait arrives ({@link #measurableWait} wakes this thread) or when a look finds a monitor wait going on
     * for MEASURABLE_WAIT_NS. Idle (nothing blocked), that is one wake-up a second, as before. Slow, a wait that ends
     * before the fast pace begins finds coarse snapshots and gets no share (counted), never a made-up one.
     */
    private void pause() throws InterruptedException {
        long now = System.nanoTime();
        if (fast(now)) {
            parkUntil(now + INTERVAL_MS * MS, false);
            return;
        }
        long due = now + IDLE_INTERVAL_MS * MS;
        if (waitsInProgress.look()) {
            // A thread is blocked on a monitor now. Only a wait that lasts MEASURABLE_WAIT_NS can use fast
            // snapshots (shorter ones, such as JMH's, must not buy them), so look again that much later.
            parkUntil(now + MonitorOwnerShare.MEASURABLE_WAIT_NS, true);
            if (!fast(System.nanoTime()) && waitsInProgress.sameWaitGoesOn()) {
                waitSeenInProgress(System.nanoTime());
                return;
            }
        }
        parkUntil(due, true);
    }

    /**
     * Parks until {@code deadline} (System.nanoTime); with {@code untilFast}, returns as soon as the pace is fast.
     * Stray unparks and spurious returns park again, so they never add snapshots.
     */
    private void parkUntil(long deadline, boolean untilFast) throws InterruptedException {
        for (long now = System.nanoTime(); deadline - now > 0 && running && !(untilFast && fast(now)); now = System.nanoTime()) {
            Runnable hook = beforeIdlePark;
            if (untilFast && hook != null) {
                hook.run();
            }
            LockSupport.parkNanos(this, deadline - now);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** Takes one snapshot at {@code now} of the learned threads, then of {@code others} while room is left. */
    void snapshot(List<Integer> others, long now) {
        if (others != lastOthers || watchChanged) {
            rebuildWatch(others);
        }
        int slot = next;
        times[slot] = now;
        for (int k = 0; k < watched.length; k++) {
            watchedSeries[k][slot] = reads.onCpuNanos(watched[k], now);
        }
        next = (slot + 1) % SLOTS;
        taken++;
    }

    /**
     * Recomputes the watched threads (only when the thread list or the learned set changed, so a snapshot itself
     * allocates nothing). Threads no longer watched lose their history (bounded memory); new ones start with none.
     */
    private void rebuildWatch(List<Integer> others) {
        lastOthers = others;
        watchChanged = false;
        Map<Integer, long[]> kept = new LinkedHashMap<>();
        for (Integer tid : learned.keySet()) {
            kept.put(tid, null);
        }
        for (Integer tid : others) {
            if (kept.size() >= MAX_THREADS) {
                break;
            }
            kept.put(tid, null);
        }
        watched = new int[kept.size()];
        watchedSeries = new long[kept.size()][];
        int k = 0;
        for (Map.Entry<Integer, long[]> e : kept.entrySet()) {
            long[] h = series.get(e.getKey());
            if (h == null) {
                h = new long[SLOTS];
                java.util.Arrays.fill(h, -1);
            }
            e.setValue(h);
            watched[k] = e.getKey();
            watchedSeries[k] = h;
            k++;
        }
        series.clear();
        series.putAll(kept);
    }

    /**
     * The owner's on-CPU ns over [startNs, endNs] (System.nanoTime values), interpolated between the snapshots
     * around each end, with the interpolation's worst-case error.
     *
     * @return {onCpuNs, errorBoundNs}, or null when the thread was not watched across both ends or an end lies
     *     outside the history
     */
    long[] onCpuDuring(int tid, long startNs, long endNs) {
        long[] s = series.get(tid);
        if (s == null || endNs < startNs) {
            return null;
        }
        long[] a = at(s, startNs);
        long[] b = at(s, endNs);
        if (a == null || b == null) {
            return null;
        }
        return new long[] {Math.max(0, b[0] - a[0]), a[1] + b[1]};
    }

    /**
     * Cumulative on-CPU ns at {@code t}, linear between the two snapshots around it, and its error bound: a
     * cumulative CPU clock rises at most 1 ns per ns, so between snapshots g apart the straight line is off by at
     * most g/4 (worst at the middle, when the thread ran only in one half).
     */
    private long[] at(long[] s, long t) {
        int n = (int) Math.min(taken, SLOTS);
        if (n < 2) {
            return null;
        }
        int oldest = taken <= SLOTS ? 0 : next;
        // Slots from oldest to newest in time order: binary search for the last one at or before t.
        int lo = 0;
        int hi = n - 1;
        if (t < times[oldest] || t > times[(oldest + n - 1) % SLOTS]) {
            return null;
        }
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (times[(oldest + mid) % SLOTS] <= t) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        int i0 = (oldest + lo) % SLOTS;
        int i1 = (oldest + Math.min(lo + 1, n - 1)) % SLOTS;
        long t0 = times[i0];
        long t1 = times[i1];
        long c0 = s[i0];
        long c1 = s[i1];
        if (c0 < 0 || c1 < 0) {
            return null;
        }
        if (t1 <= t0) {
            return new long[] {c0, 0};
        }
        double f = (t - t0) / (double) (t1 - t0);
        return new long[] {c0 + Math.round((c1 - c0) * f), (t1 - t0) / 4};
    }

    /** The other threads of this process, from /proc/self/task (empty when unreadable). */
    static List<Integer> listTasks() {
        List<Integer> out = new ArrayList<>();
        String[] names = new File("/proc/self/task").list();
        if (names != null) {
            for (String n : names) {
                try {
                    out.add(Integer.parseInt(n));
                } catch (NumberFormatException ignored) {
                    // not a tid
                }
            }
        }
        return out;
    }
}
