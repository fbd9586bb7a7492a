package dev.lockscope.agent.monitor;

import dev.lockscope.agent.hooks.LockHooks;
import dev.lockscope.agent.hooks.ProbeReads;
import dev.lockscope.agent.hooks.VirtualThreads;
import dev.lockscope.agent.registry.AgentThreads;
import dev.lockscope.agent.registry.LockRegistry;
import dev.lockscope.agent.registry.LockStats;
import dev.lockscope.agent.registry.LockTable;
import dev.lockscope.agent.registry.Site;
import dev.lockscope.events.SiteKinds;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Times monitor waits of virtual threads on JDK 24+, where a virtual thread blocked entering a monitor unmounts and
 * the JDK writes no {@code jdk.JavaMonitorEnter} event. The hooks in {@code java.lang.VirtualThread} run on the
 * carrier, only on the blocked path:
 * <ol>
 * <li>{@link #blocking}: the thread has unmounted in state BLOCKING (before it is marked BLOCKED, so nobody can
 * resume it meanwhile). The wait starts; the JDK's thread snapshot names the monitor and the thread's stack (its
 * site), once per wait.</li>
 * <li>{@link #unblocked}: a monitor exit picked it and it is about to be mounted to try again: the wait ends here,
 * unless that try fails.</li>
 * <li>{@link #unmountedAfterUnblock}: that run has unmounted. The JDK's retry after an unblock runs no Java code of
 * the thread: it tries the monitor while thawing and, when another thread took it first (monitors are not fair),
 * unmounts at once in state BLOCKING, the same monitor enter going on. So a run back in BLOCKING that used at most
 * {@link #RETRY_CPU_NANOS} of its carrier's CPU time (or, where thread CPU time is unreadable, lasted at most
 * {@link #RETRY_WALL_NANOS}) was that retry, and the next {@link #blocking} continues the same wait; any other run took
 * the monitor, and the wait is recorded, ending at its remount. A longer run back in BLOCKING took the monitor, left
 * it and blocked on a monitor again: a new wait.</li>
 * </ol>
 * A thread that takes the monitor, leaves it and blocks on it again within that much of its carrier's CPU time is
 * counted as one wait (the JDK shows such a run and a failed retry alike). Waits in progress live in a fixed lock-free
 * table keyed by the thread; when it is full a wait is not timed (counted). The owner a wait is given is the thread
 * that last took the monitor after a timed wait (the JDK's previousOwner rule: the same thread unless one that never
 * waited took it in between). Waits that begin before any waiter has taken the monitor get none: a thread that takes
 * it without waiting runs no hook.
 */
public final class VirtualMonitorWaits implements dev.lockscope.agent.hooks.VirtualMonitorHooks {
    public static final String SOURCE = dev.lockscope.events.VirtualThreadWaits.MONITOR_SOURCE;
    /** Records older than this in the remounted phase are closed by {@link #sweep} (their end hook was missed). */
    static final long STALE_NANOS = 10_000_000_000L;
    /**
     * A run after an unblock that is back in BLOCKING having used at most this much of its carrier's CPU time was the
     * JDK's failed retry (mount, a thaw that tries the monitor twice, unmount), not a section run and a new monitor
     * enter. Measured on JDK 25 here (VirtualThreadsIT's plant in mode {@code tight}): 15-36 us once compiled, 0.19-0.26
     * ms for the first retries of a run (before the JIT); the bound is four times the latter.
     */
    static final long RETRY_CPU_NANOS = 1_000_000;
    /** The same bound in elapsed time, where the carrier's CPU time cannot be read (it counts preemption too). */
    static final long RETRY_WALL_NANOS = 5_000_000;
    private static final int BLOCKED = 1;
    private static final int REMOUNTED = 2;
    private static final int RETRYING = 3;
    private static final int PROBES = 16;

    /** What the waits read from the JVM: the clock, the carrier's CPU time, a virtual thread's state and snapshot. */
    interface Jvm {
        long nanoTime();

        /** CPU time of the calling (carrier) thread, or -1 when it cannot be read. */
        long carrierCpuNanos();

        /** java.lang.VirtualThread's state of {@code vt}, or -1. */
        int stateOf(Thread vt);

        /** The monitor {@code vt} is blocked on and its stack, or null. */
        ThreadSnapshots.Snapshot snapshot(Thread vt);
    }

    /** The running JVM's: ThreadMXBean's current-thread CPU time, read on the carrier the hooks run on. */
    static final class RunningJvm implements Jvm {
        private final ThreadSnapshots snapshots;
        private final java.lang.management.ThreadMXBean threads;
        private final boolean cpu;

        RunningJvm(ThreadSnapshots snapshots) {
            this.snapshots = snapshots;
            java.lang.management.ThreadMXBean t = null;
            boolean c = false;
            try {
                t = java.lang.management.ManagementFactory.getThreadMXBean();
                c = t.isCurrentThreadCpuTimeSupported() && t.isThreadCpuTimeEnabled();
            } catch (Throwable e) {
                // elapsed time stands in
            }
            this.threads = t;
            this.cpu = c;
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long carrierCpuNanos() {
            return cpu ? threads.getCurrentThreadCpuTime() : -1;
        }

        @Override
        public int stateOf(Thread vt) {
            return VirtualThreads.stateOf(vt);
        }

        @Override
        public ThreadSnapshots.Snapshot snapshot(Thread vt) {
            return snapshots.of(vt);
        }
    }

    /** One wait in progress. Its fields pass between carriers through the virtual thread's own (volatile) state. */
    static final class Wait {
        final Thread thread;
        final Object monitor;
        final LockStats stats;
        final long start;
        volatile int phase = BLOCKED;
        volatile long remountedAt;
        /** The carrier's CPU time at the remount, or -1. */
        volatile long remountedCpu = -1;
        Thread owner;
        Thread ownerCarrier;
        int ownerTid = -1;
        long ownerOnCpuStart = -1;
        long ownerOnCpuEnd = -1;
        Thread previousAcquirer;

        Wait(Thread thread, Object monitor, LockStats stats, long start) {
            this.thread = thread;
            this.monitor = monitor;
            this.stats = stats;
            this.start = start;
        }
    }

    private final LockRegistry registry;
    private final LockHooks hooks;
    private final Jvm jvm;
    private final int blockingState;
    private final AtomicReferenceArray<Wait> waits;
    private final AtomicLong tableFull = new AtomicLong();
    private final AtomicLong noMonitor = new AtomicLong();
    private final AtomicLong timed = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong afterWait = new AtomicLong();

    /**
     * @param blockingState java.lang.VirtualThread's BLOCKING constant, read from its class file
     * @param capacity      waits timed at once
     */
    public VirtualMonitorWaits(LockRegistry registry, LockHooks hooks, ThreadSnapshots snapshots, int blockingState, int capacity) {
        this(registry, hooks, new RunningJvm(snapshots), blockingState, capacity);
    }

    VirtualMonitorWaits(LockRegistry registry, LockHooks hooks, Jvm jvm, int blockingState, int capacity) {
        this.registry = registry;
        this.hooks = hooks;
        this.jvm = jvm;
        this.blockingState = blockingState;
        this.waits = new AtomicReferenceArray<>(Integer.highestOneBit(Math.max(16, capacity) - 1) << 1);
    }

    /** The thread has unmounted blocked on a monitor (state BLOCKING), on its carrier. */
    @Override
    public void blocking(Thread vt) {
        long now = jvm.nanoTime();
        hooks.registerCurrentCarrier();
        int slot = find(vt);
        Wait w = slot < 0 ? null : waits.get(slot);
        ThreadSnapshots.Snapshot snap = jvm.snapshot(vt);
        Object monitor = snap == null ? null : snap.blockedOn();
        if (w != null) {
            if (w.phase == RETRYING && monitor != null && monitor == w.monitor) {
                w.phase = BLOCKED; // its try after the unblock failed: the same wait goes on
                retries.incrementAndGet();
                return;
            }
            // The earlier wait ended at its remount (a retry on another monitor cannot be: it took the first one); one
            // still BLOCKED missed its end (hooks were off meanwhile).
            if (waits.compareAndSet(slot, w, null)) {
                end(w, w.phase != BLOCKED);
            }
        }
        if (snap != null && reenteringAfterWait(snap.stack())) {
            // Back from Object.wait: the JDK counts the re-entry in the wait (jdk.JavaMonitorWait), for platform
            // threads too, and records no monitor enter for it. (JDK 25's snapshot names no monitor for it.)
            afterWait.incrementAndGet();
            return;
        }
        if (monitor == null) {
            noMonitor.incrementAndGet();
            return;
        }
        if (AgentThreads.isAgentThread(vt)) {
            registry.leftOut.ownWait();
            return;
        }
        WaiterStacks.Reading reading = WaiterStacks.read(snap.stack());
        if (reading.agentWork()) {
            registry.leftOut.ownWait();
            return;
        }
        LockStats s = registry.locks.getOrCreate(monitor, new Describer(reading));
        Wait nw = new Wait(vt, monitor, s, now);
        Thread owner = s.lastAcquirer();
        if (owner != null && owner != vt) {
            nw.owner = owner;
            s.sampleOwner(owner.getId(), VirtualThreads.name(owner), VirtualThreads.isVirtual(owner));
            ProbeReads p = hooks.probe();
            if (p != null) {
                nw.ownerCarrier = VirtualThreads.carrierOf(owner);
                nw.ownerTid = hooks.ownerTid(owner, nw.ownerCarrier);
                nw.ownerOnCpuStart = nw.ownerTid > 0 ? p.onCpuNanos(nw.ownerTid, now) : -1;
            }
        }
        s.waiterArrived();
        if (!insert(vt, nw)) {
            s.waiterLeft();
            tableFull.incrementAndGet();
        }
    }

    /** The thread was unblocked and is about to be mounted to try the monitor again, on its new carrier. */
    @Override
    public void unblocked(Thread vt) {
        int slot = find(vt);
        Wait w = slot < 0 ? null : waits.get(slot);
        if (w == null || w.phase != BLOCKED) {
            return;
        }
        long now = jvm.nanoTime();
        hooks.registerCurrentCarrier();
        ProbeReads p = hooks.probe();
        if (p != null && w.ownerOnCpuStart >= 0
                && (w.ownerCarrier == null || VirtualThreads.carrierOf(w.owner) == w.ownerCarrier)) {
            w.ownerOnCpuEnd = p.onCpuNanos(w.ownerTid, now);
        } else {
            w.ownerOnCpuEnd = -1;
        }
        w.previousAcquirer = w.stats.lastAcquirer();
        w.stats.lastAcquirer(vt); // most likely the monitor's next owner: later waiters name it
        w.remountedAt = now;
        w.remountedCpu = jvm.carrierCpuNanos();
        w.phase = REMOUNTED;
    }

    /** Whether a blocked thread's stack is Object.wait's, taking its monitor back after a notify or a timeout. */
    static boolean reenteringAfterWait(StackTraceElement[] stack) {
        return stack != null && stack.length > 0 && "java.lang.Object".equals(stack[0].getClassName())
                && stack[0].getMethodName().startsWith("wait");
    }

    /**
     * The run that followed an unblock has unmounted: the thread took the monitor, or its retry failed (back in
     * BLOCKING having run no code of its own: a few microseconds of its carrier's CPU time).
     */
    @Override
    public void unmountedAfterUnblock(Thread vt) {
        int slot = find(vt);
        Wait w = slot < 0 ? null : waits.get(slot);
        if (w == null || w.phase != REMOUNTED) {
            return;
        }
        if (jvm.stateOf(vt) == blockingState && wasRetry(w)) {
            w.stats.lastAcquirer(w.previousAcquirer); // it did not take the monitor after all
            w.phase = RETRYING;
            return;
        }
        if (waits.compareAndSet(slot, w, null)) {
            end(w, true);
        }
    }

    /** Whether the run since {@code w}'s remount was no longer than the JDK's failed retry takes. */
    private boolean wasRetry(Wait w) {
        long cpu = jvm.carrierCpuNanos();
        if (cpu >= 0 && w.remountedCpu >= 0) {
            return cpu - w.remountedCpu <= RETRY_CPU_NANOS;
        }
        return jvm.nanoTime() - w.remountedAt <= RETRY_WALL_NANOS;
    }

    /**
     * Agent thread, each second: closes waits whose end hook was missed (remounted long ago, or the thread has ended),
     * so the table never holds a dead thread for long.
     */
    public void sweep() {
        long now = jvm.nanoTime();
        for (int i = 0; i < waits.length(); i++) {
            Wait w = waits.get(i);
            if (w == null) {
                continue;
            }
            // A retry whose next block was never seen (hooks off meanwhile) is closed like a remount long past.
            boolean stale = (w.phase == REMOUNTED || w.phase == RETRYING) && now - w.remountedAt > STALE_NANOS;
            if ((stale || w.thread.getState() == Thread.State.TERMINATED) && waits.compareAndSet(i, w, null)) {
                end(w, w.phase != BLOCKED);
            }
        }
    }

    /** Drops every wait in progress (the agent stops). */
    public void clear() {
        for (int i = 0; i < waits.length(); i++) {
            Wait w = waits.getAndSet(i, null);
            if (w != null) {
                w.stats.waiterLeft();
            }
        }
    }

    /** For AgentStatus: what was timed, and what could not be and why. */
    public String describe() {
        StringBuilder b = new StringBuilder("timed: hooks in java.lang.VirtualThread (blocked, unblocked, remounted); ")
                .append(timed.get()).append(" waits so far, ").append(retries.get())
                .append(" failed retries after an unblock counted within their waits");
        long reentries = afterWait.get();
        if (reentries > 0) {
            b.append("; ").append(reentries).append(" re-entries after Object.wait left to that wait, as for platform threads");
        }
        long full = tableFull.get();
        long none = noMonitor.get();
        if (full > 0 || none > 0) {
            b.append("; not timed: ");
            if (full > 0) {
                b.append(full).append(" (").append(waits.length()).append(" waits in progress at once already)");
            }
            if (none > 0) {
                b.append(full > 0 ? ", " : "").append(none).append(" (the JDK's thread snapshot named no monitor: the thread"
                        + " was unblocked at once, or the snapshot failed)");
            }
        }
        return b.toString();
    }

    /** Records a wait taken out of the table: up to its remount when {@code ended}, else only its waiter count. */
    private void end(Wait w, boolean ended) {
        LockStats s = w.stats;
        s.waiterLeft();
        if (!ended) {
            return;
        }
        long waited = Math.max(0, w.remountedAt - w.start);
        s.recordWait(waited, false, true, true);
        timed.incrementAndGet();
        if (w.ownerOnCpuStart >= 0 && w.ownerOnCpuEnd >= w.ownerOnCpuStart && waited > 0) {
            s.recordOwnerOnCpu(waited, Math.min(waited, w.ownerOnCpuEnd - w.ownerOnCpuStart), w.ownerCarrier != null);
        }
    }

    /** A monitor seen for the first time: named by where its waiter waited (a class, not a lambda: loaded in advance). */
    private final class Describer implements LockTable.Describer {
        private final WaiterStacks.Reading reading;

        Describer(WaiterStacks.Reading reading) {
            this.reading = reading;
        }

        @Override
        public LockStats describe(Object monitor, int hash) {
            Site site = reading.site() == null ? registry.sites.intern(monitor.getClass().getName(), SiteKinds.MONITOR_CLASS)
                    : registry.sites.intern(reading.site(), SiteKinds.MONITOR_FIRST_CONTENDED);
            return LockStats.monitorObject(monitor, hash, site, SOURCE);
        }
    }

    private int home(Thread vt) {
        return (System.identityHashCode(vt) * 0x9E3779B9) & (waits.length() - 1);
    }

    private int find(Thread vt) {
        int home = home(vt);
        for (int p = 0; p < PROBES; p++) {
            int i = (home + p) & (waits.length() - 1);
            Wait w = waits.get(i);
            if (w != null && w.thread == vt) {
                return i;
            }
        }
        return -1;
    }

    private boolean insert(Thread vt, Wait w) {
        int home = home(vt);
        for (int p = 0; p < PROBES; p++) {
            int i = (home + p) & (waits.length() - 1);
            if (waits.get(i) == null && waits.compareAndSet(i, null, w)) {
                return true;
            }
        }
        return false;
    }
}
