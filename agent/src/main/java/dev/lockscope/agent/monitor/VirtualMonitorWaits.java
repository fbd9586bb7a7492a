package dev.lockscope.agent.monitor;

import dev.lockscope.agent.registry.AgentThreads;
import dev.lockscope.agent.registry.LockHooks;
import dev.lockscope.agent.registry.LockRegistry;
import dev.lockscope.agent.registry.LockStats;
import dev.lockscope.agent.registry.LockTable;
import dev.lockscope.agent.registry.ProbeReads;
import dev.lockscope.agent.registry.Site;
import dev.lockscope.agent.registry.VirtualThreads;
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
 * <li>{@link #unmountedAfterUnblock}: that run has unmounted. In state BLOCKING again the try failed (another thread
 * took the monitor first) and the next {@link #blocking} continues the same wait; otherwise the thread took the
 * monitor and the wait is recorded, ending at its remount.</li>
 * </ol>
 * A thread that takes the monitor and, before it next unmounts, blocks on the same monitor again is counted as one
 * wait (the JDK shows the two alike). Waits in progress live in a fixed lock-free table keyed by the thread; when it
 * is full a wait is not timed (counted). The owner a wait is given is the thread that last took the monitor after a
 * timed wait (the JDK's previousOwner rule: the same thread unless one that never waited took it in between).
 */
public final class VirtualMonitorWaits implements dev.lockscope.agent.registry.VirtualMonitorHooks {
    public static final String SOURCE = dev.lockscope.events.VirtualThreadWaits.MONITOR_SOURCE;
    /** Records older than this in the remounted phase are closed by {@link #sweep} (their end hook was missed). */
    static final long STALE_NANOS = 10_000_000_000L;
    private static final int BLOCKED = 1;
    private static final int REMOUNTED = 2;
    private static final int RETRYING = 3;
    private static final int PROBES = 16;

    /** One wait in progress. Its fields pass between carriers through the virtual thread's own (volatile) state. */
    static final class Wait {
        final Thread thread;
        final Object monitor;
        final LockStats stats;
        final long start;
        volatile int phase = BLOCKED;
        volatile long remountedAt;
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
    private final ThreadSnapshots snapshots;
    private final int blockingState;
    private final AtomicReferenceArray<Wait> waits;
    private final AtomicLong tableFull = new AtomicLong();
    private final AtomicLong noMonitor = new AtomicLong();
    private final AtomicLong timed = new AtomicLong();

    /**
     * @param blockingState java.lang.VirtualThread's BLOCKING constant, read from its class file
     * @param capacity      waits timed at once
     */
    public VirtualMonitorWaits(LockRegistry registry, LockHooks hooks, ThreadSnapshots snapshots, int blockingState, int capacity) {
        this.registry = registry;
        this.hooks = hooks;
        this.snapshots = snapshots;
        this.blockingState = blockingState;
        this.waits = new AtomicReferenceArray<>(Integer.highestOneBit(Math.max(16, capacity) - 1) << 1);
    }

    /** The thread has unmounted blocked on a monitor (state BLOCKING), on its carrier. */
    @Override
    public void blocking(Thread vt) {
        long now = System.nanoTime();
        hooks.registerCurrentCarrier();
        int slot = find(vt);
        Wait w = slot < 0 ? null : waits.get(slot);
        ThreadSnapshots.Snapshot snap = snapshots.of(vt);
        Object monitor = snap == null ? null : snap.blockedOn();
        if (w != null) {
            if (w.phase == RETRYING && monitor != null && monitor == w.monitor) {
                w.phase = BLOCKED; // its try after the unblock failed: the same wait goes on
                return;
            }
            // The earlier wait ended at its remount; one still BLOCKED missed its end (hooks were off meanwhile).
            if (waits.compareAndSet(slot, w, null)) {
                end(w, w.phase != BLOCKED);
            }
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
        long now = System.nanoTime();
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
        w.phase = REMOUNTED;
    }

    /** The run that followed an unblock has unmounted: the thread took the monitor, or blocked again. */
    @Override
    public void unmountedAfterUnblock(Thread vt) {
        int slot = find(vt);
        Wait w = slot < 0 ? null : waits.get(slot);
        if (w == null || w.phase != REMOUNTED) {
            return;
        }
        if (VirtualThreads.stateOf(vt) == blockingState) {
            w.stats.lastAcquirer(w.previousAcquirer); // it did not take the monitor after all
            w.phase = RETRYING;
            return;
        }
        if (waits.compareAndSet(slot, w, null)) {
            end(w, true);
        }
    }

    /**
     * Agent thread, each second: closes waits whose end hook was missed (remounted long ago, or the thread has ended),
     * so the table never holds a dead thread for long.
     */
    public void sweep() {
        long now = System.nanoTime();
        for (int i = 0; i < waits.length(); i++) {
            Wait w = waits.get(i);
            if (w == null) {
                continue;
            }
            boolean stale = w.phase == REMOUNTED && now - w.remountedAt > STALE_NANOS;
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
                .append(timed.get()).append(" waits so far");
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
            Site site = reading.site() == null ? registry.sites.intern(monitor.getClass().getName(), Site.MONITOR_CLASS)
                    : registry.sites.intern(reading.site(), Site.MONITOR_FIRST_CONTENDED);
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
