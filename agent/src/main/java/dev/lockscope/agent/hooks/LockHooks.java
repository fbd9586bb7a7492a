package dev.lockscope.agent.hooks;

import dev.lockscope.agent.dispatch.Hooks;
import dev.lockscope.agent.jfr.LockWaitSwitch;
import dev.lockscope.agent.jfr.WaitEventCommit;
import dev.lockscope.agent.registry.AgentThreads;
import dev.lockscope.agent.registry.LeftOut;
import dev.lockscope.agent.registry.LockFrames;
import dev.lockscope.agent.registry.LockRegistry;
import dev.lockscope.agent.registry.LockStats;
import dev.lockscope.agent.registry.LockTable;
import dev.lockscope.agent.registry.ProbeLabels;
import dev.lockscope.agent.registry.Site;
import dev.lockscope.events.LockWait;
import dev.lockscope.events.SiteKinds;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.AbstractQueuedLongSynchronizer;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * The agent's side of the hooks. Runs inside the application's lock slow paths, so: no j.u.c. lock, no
 * lock-taking collection, nothing that can block; a per-thread guard stops re-entry; every Throwable is
 * caught and counted. Waits of the agent's own threads, and waits for a lock an agent thread owns, are the agent's
 * activity: they are counted in {@link LeftOut} and make no entry, figure or event ({@link AgentThreads}).
 */
public final class LockHooks implements Hooks {
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private final LockRegistry registry;
    private final SyncAccess access;
    private final SampleBudget budget;
    private final ThreadLocal<ThreadState> state = ThreadLocal.withInitial(ThreadState::new);
    private final AtomicLong errors = new AtomicLong();
    private final LockTable.Describer describer = this::describe;
    /** Virtual threads' monitor waits (JDK 24+, hooks in java.lang.VirtualThread installed), or null. */
    private volatile VirtualMonitorHooks virtualMonitors;
    /** Whether a recording wants dev.lockscope.LockWait events. */
    private final LockWaitSwitch waitEvents;
    /** The native probe's readings, or null when it is not joined. */
    private volatile ProbeReads probe;
    /** Java thread id to kernel tid, filled from slow paths so waiters can find their owner in the probe's map. */
    private final ThreadTids tids = new ThreadTids(8192);

    /**
     * Least time between two hold spans of one lock (0: time every one). On a lock handed over thousands of times a
     * second, timing every span cost 2-5% of throughput on the 8-thread overhead benchmark and raised its context
     * switches; one span per lock every 10 ms reads the same as no spans (docs/PERFORMANCE.md, "Agent overhead on the
     * lock paths") and still gives the advisor's median about 100 spans a second.
     */
    private final long holdSpanEveryNanos;

    /** Hooks that write LockWait events while {@code waitEvents} says a recording wants them. */
    public LockHooks(LockRegistry registry, SyncAccess access, int samplesPerSecond, long holdSpanEveryNanos, LockWaitSwitch waitEvents) {
        this.registry = registry;
        this.access = access;
        this.budget = new SampleBudget(samplesPerSecond);
        this.holdSpanEveryNanos = holdSpanEveryNanos;
        this.waitEvents = waitEvents;
    }

    /** Hooks with a switch of their own, off until refreshed: no LockWait events (throwaway hooks, tests). */
    public LockHooks(LockRegistry registry, SyncAccess access, int samplesPerSecond, long holdSpanEveryNanos) {
        this(registry, access, samplesPerSecond, holdSpanEveryNanos, new LockWaitSwitch());
    }

    /** Joins the native probe (before the hooks go live); null leaves the probe figures at -1. */
    public void joinProbe(ProbeReads reads) {
        probe = reads;
    }

    /**
     * Registers the calling thread's kernel tid (one gettid per thread, from the probe's cache) so it can be
     * found as an owner later. Called from slow paths only, with the guard set. Returns the tid or -1. A virtual
     * thread has no tid of its own: the carrier it is mounted on is registered instead (one uncached gettid the first
     * time that carrier is seen), so a waiter can read a virtual owner's figures through its carrier.
     */
    private int registerSelf(ThreadState ts, ProbeReads p) {
        int tid = ts.tid;
        Thread me = Thread.currentThread();
        if (tid == 0) {
            tid = VirtualThreads.isVirtual(me) ? ThreadState.VIRTUAL : p.currentTid();
            ts.tid = tid <= 0 && tid != ThreadState.VIRTUAL ? -1 : tid;
            tid = ts.tid;
        }
        if (tid > 0) {
            tids.register(me.getId(), tid);
        } else if (tid == ThreadState.VIRTUAL) {
            registerCarrier(VirtualThreads.carrierOf(me), p);
            return -1;
        }
        return tid;
    }

    /** Registers {@code carrier} (the calling virtual thread's, so gettid answers for it) the first time it is seen. */
    private void registerCarrier(Thread carrier, ProbeReads p) {
        if (carrier != null && tids.tidOf(carrier.getId()) <= 0) {
            tids.register(carrier.getId(), p.kernelTidNow());
        }
    }

    /** Registers the calling carrier thread (the virtual threads' monitor hooks run on it). */
    public void registerCurrentCarrier() {
        ProbeReads p = probe;
        if (p != null) {
            Thread me = Thread.currentThread();
            if (tids.tidOf(me.getId()) <= 0) {
                tids.register(me.getId(), p.currentTid());
            }
        }
    }

    /**
     * The kernel tid whose on-CPU time stands for {@code owner}'s, or -1: its own, or for a virtual thread its carrier's
     * ({@code carrier}, read by the caller), when that carrier has registered.
     */
    public int ownerTid(Thread owner, Thread carrier) {
        if (owner == null) {
            return -1;
        }
        if (carrier != null) {
            return tids.tidOf(carrier.getId());
        }
        return VirtualThreads.isVirtual(owner) ? -1 : tids.tidOf(owner.getId());
    }

    public ProbeReads probe() {
        return probe;
    }

    /**
     * Probe readings at wait start: owner's on-CPU ns and run-queue ns, futex calls of waiter + owner inside an open
     * window.
     */
    private void probeAtWaitStart(ThreadState ts, ProbeReads p, Thread owner, long now) {
        int me = registerSelf(ts, p);
        ts.waitOwnerCarrier = VirtualThreads.carrierOf(owner);
        int ownerTid = ownerTid(owner, ts.waitOwnerCarrier);
        if (ownerTid > 0) {
            long on = p.onCpuNanos(ownerTid, now);
            if (on >= 0) {
                ts.waitOwnerTid = ownerTid;
                ts.waitOwnerOnCpu = on;
                ts.waitOwnerRunQueue = p.runQueueNanos(ownerTid, now);
            }
        }
        int epoch = p.futexEpoch();
        // A virtual waiter (me = -1) or owner (its carrier runs other threads too) gets no futex count.
        if ((epoch & 1) != 0 && me > 0 && (owner == null || (ts.waitOwnerTid > 0 && ts.waitOwnerCarrier == null))) {
            long calls = futexOf(p, me, owner == null ? -1 : ownerTid);
            if (calls >= 0) {
                ts.waitFutexEpoch = epoch;
                ts.waitFutexCalls = calls;
            }
        }
    }

    /**
     * Probe readings at wait end: the owner's on-CPU share of this wait and the share it was preempted (runnable but
     * off a CPU; the rest of the wait it was off a CPU by its own doing), futex calls inside one window.
     */
    private static void probeAtWaitEnd(ThreadState ts, ProbeReads p, LockStats s, long waited, long now) {
        // A virtual owner's carrier stands for it only while it is still mounted there.
        if (ts.waitOwnerTid > 0 && (ts.waitOwnerCarrier == null || VirtualThreads.carrierOf(ts.waitOwner) == ts.waitOwnerCarrier)) {
            long on = p.onCpuNanos(ts.waitOwnerTid, now);
            if (on >= ts.waitOwnerOnCpu && waited > 0) {
                long onNs = Math.min(waited, on - ts.waitOwnerOnCpu);
                s.recordOwnerOnCpu(waited, onNs, ts.waitOwnerCarrier != null);
                ts.endOnCpuShare = onNs / (double) waited;
                long runQueue = ts.waitOwnerRunQueue < 0 ? -1 : p.runQueueNanos(ts.waitOwnerTid, now);
                if (runQueue >= ts.waitOwnerRunQueue && ts.waitOwnerRunQueue >= 0) {
                    ts.endPreemptedShare = Math.min(waited - onNs, runQueue - ts.waitOwnerRunQueue) / (double) waited;
                }
            }
        }
        if ((ts.waitFutexEpoch & 1) != 0) {
            long calls = futexOf(p, ts.tid, ts.waitOwnerTid);
            // Both readings inside one window: the difference counts every call of the wait.
            if (calls >= ts.waitFutexCalls && p.futexEpoch() == ts.waitFutexEpoch) {
                ts.endFutexCalls = calls - ts.waitFutexCalls;
                s.recordFutexCalls(ts.endFutexCalls);
            }
        }
    }

    /** Waiter's (+ owner's, when there is one) counted futex calls, or -1 when either is unknown. */
    private static long futexOf(ProbeReads p, int waiterTid, int ownerTid) {
        long w = p.futexCalls(waiterTid);
        if (w < 0) {
            return -1;
        }
        if (ownerTid <= 0) {
            return w;
        }
        long o = p.futexCalls(ownerTid);
        return o < 0 ? -1 : w + o;
    }

    @Override
    public long waitBegin(Object sync, int mode) {
        ThreadState ts = state.get();
        if (ts.busy) {
            return 0L;
        }
        if (ts.waitStats != null || ts.waitAgentOwned) {
            // A thread waits on one lock at a time: this is a wait whose end we missed (agent turned off meanwhile).
            if (ts.waitStats != null) {
                ts.waitStats.waiterLeft();
            }
            ts.clearWait();
        }
        ts.busy = true;
        try {
            if (ts.agentThread()) {
                // The agent's own thread: never the application's contention.
                registry.leftOut.ownWait();
                return 0L;
            }
            Thread owner = mode == MODE_EXCLUSIVE || mode == MODE_SHARED ? access.ownerOf(sync) : null;
            if (owner != null && AgentThreads.isAgentThread(owner)) {
                // An application thread waits for the agent: timed as the agent's cost, no figure of this lock.
                long now = System.nanoTime();
                ts.waitSync = sync;
                ts.waitAgentOwned = true;
                ts.waitStart = now;
                return now == 0L ? 1L : now;
            }
            LockStats s = registry.locks.getOrCreate(sync, describer);
            if (owner != null) {
                s.sampleOwner(owner.getId(), VirtualThreads.name(owner), VirtualThreads.isVirtual(owner));
            }
            Thread me = Thread.currentThread();
            if (VirtualThreads.isVirtual(me)) {
                ts.waitVirtual = true;
                ts.waitCarrier = VirtualThreads.carrierOf(me);
            }
            ts.waitWaiters = s.waiterArrived();
            ts.waitSync = sync;
            ts.waitStats = s;
            ts.waitMode = mode;
            ts.waitOwner = owner;
            if (waitEvents.on()) {
                LockWait ev = new LockWait();
                ev.begin();
                ts.waitEvent = ev;
            }
            long now = System.nanoTime();
            ts.waitStart = now;
            ProbeReads p = probe;
            if (p != null) {
                try {
                    probeAtWaitStart(ts, p, owner, now);
                } catch (Throwable t) {
                    // The probe must never cost the wait its figures: this wait just goes unmeasured.
                    errors.incrementAndGet();
                    ts.waitOwnerTid = -1;
                    ts.waitFutexEpoch = 0;
                }
            }
            return now == 0L ? 1L : now;
        } catch (Throwable t) {
            errors.incrementAndGet();
            ts.clearWait();
            return 0L;
        } finally {
            ts.busy = false;
        }
    }

    @Override
    public void waitEnd(Object sync, long token, boolean acquired) {
        ThreadState ts = state.get();
        if (ts.busy) {
            return;
        }
        if (ts.waitAgentOwned) {
            if (ts.waitSync == sync) {
                registry.leftOut.agentOwnedWait(System.nanoTime() - ts.waitStart);
            }
            ts.clearWait();
            return;
        }
        LockStats s = ts.waitStats;
        if (s == null || ts.waitSync != sync) {
            return;
        }
        ts.busy = true;
        try {
            long now = System.nanoTime();
            long waited = now - ts.waitStart;
            int mode = ts.waitMode;
            s.waiterLeft();
            s.recordWait(waited, mode == MODE_SHARED || mode == MODE_STAMPED_READ, acquired, ts.waitVirtual);
            ts.endOnCpuShare = -1;
            ts.endPreemptedShare = -1;
            ts.endFutexCalls = -1;
            ProbeReads p = probe;
            if (p != null) {
                try {
                    probeAtWaitEnd(ts, p, s, waited, now);
                } catch (Throwable t) {
                    errors.incrementAndGet(); // the wait is recorded above; only its probe figures are lost
                }
            }
            double onCpuShare = ts.endOnCpuShare;
            double preemptedShare = ts.endPreemptedShare;
            long futexCalls = ts.endFutexCalls;
            // The clock check first: the queue walk is only paid for a span that will be timed.
            if (acquired && mode == MODE_EXCLUSIVE && s.holdSpanDue(now) && hasQueuedThreads(sync)) {
                // Another thread is queued, so this hold ends with a release that wakes it: measurable.
                s.holdSpanTimed(now, holdSpanEveryNanos);
                ts.pushHold(sync, s, now);
            }
            LockWait ev = ts.waitEvent;
            if (ev != null) {
                ev.end();
                if (ev.shouldCommit()) {
                    if (budget.tryTake()) {
                        ev.lockClass = s.lockClass;
                        ev.site = s.site.where;
                        ev.siteKind = s.site.kind;
                        ev.lockId = s.lockId();
                        ev.mode = modeName(mode, s.lockClass);
                        ev.owner = ts.waitOwner;
                        ev.carrier = ts.waitCarrier;
                        ev.waiters = ts.waitWaiters;
                        ev.acquired = acquired;
                        ev.source = LockRegistry.SOURCE_HOOKS;
                        ProbeLabels labels = registry.probeLabels;
                        ev.ownerOnCpuShare = onCpuShare;
                        ev.ownerOnCpuSource = onCpuShare >= 0 ? (ts.waitOwnerCarrier != null ? labels.onCpuViaCarrier : labels.onCpu)
                                : VirtualThreads.isVirtual(ts.waitOwner) ? labels.onCpuOwnerUnmounted : labels.onCpuMissing(ts.waitOwner != null);
                        // The owner's wait split: on a CPU, preempted, off a CPU by its own doing (the rest).
                        ev.ownerPreemptedShare = preemptedShare;
                        ev.ownerOffCpuVoluntaryShare = preemptedShare >= 0
                                ? Math.max(0, 1 - onCpuShare - preemptedShare) : -1;
                        ev.futexCalls = futexCalls;
                        ev.futexSource = futexCalls >= 0 ? labels.futex : ts.waitVirtual ? labels.futexVirtualWaiter : labels.futexMissing;
                        WaitEventCommit.commit(ev, sync.getClass().getName());
                    }
                }
            }
        } catch (Throwable t) {
            errors.incrementAndGet();
        } finally {
            ts.clearWait();
            ts.busy = false;
        }
    }

    @Override
    public void wokeSuccessor(Thread successor) {
        ThreadState ts = state.get();
        ProbeReads p = probe;
        if (ts.busy || (ts.holdCount == 0 && (p == null || ts.tid == -1))) {
            return;
        }
        ts.busy = true;
        try {
            if (p != null) {
                // A releasing owner: make it findable by the threads that will wait on it next.
                registerSelf(ts, p);
            }
            if (ts.holdCount == 0) {
                return;
            }
            for (int i = 0; i < ThreadState.HOLD_SLOTS; i++) {
                Object sync = ts.holdSync[i];
                if (sync != null && isQueued(sync, successor)) {
                    ts.holdStats[i].recordHold(System.nanoTime() - ts.holdStart[i]);
                    ts.clearHold(i);
                    return;
                }
            }
        } catch (Throwable t) {
            errors.incrementAndGet();
        } finally {
            ts.busy = false;
        }
    }

    @Override
    public long conditionBegin(Object condition) {
        ThreadState ts = state.get();
        if (ts.busy) {
            return 0L;
        }
        ts.busy = true;
        try {
            if (ts.agentThread()) {
                registry.leftOut.ownWait();
                return 0L;
            }
            Object sync = access.lockOfCondition(condition);
            if (sync == null) {
                return 0L;
            }
            ts.condStats = registry.locks.getOrCreate(sync, describer);
            long now = System.nanoTime();
            ts.condStart = now;
            return now == 0L ? 1L : now;
        } catch (Throwable t) {
            errors.incrementAndGet();
            ts.condStats = null;
            return 0L;
        } finally {
            ts.busy = false;
        }
    }

    @Override
    public void conditionEnd(Object condition, long token) {
        ThreadState ts = state.get();
        LockStats s = ts.condStats;
        if (ts.busy || s == null) {
            return;
        }
        ts.condStats = null;
        try {
            s.recordConditionWait(System.nanoTime() - ts.condStart);
        } catch (Throwable t) {
            errors.incrementAndGet();
        }
    }

    @Override
    public void constructed(Object lock, int site) {
        try {
            registry.bindings.bind(access.syncOf(lock), site);
        } catch (Throwable t) {
            errors.incrementAndGet();
        }
    }

    /** Hands virtual threads' monitor waits to {@code v} (null: ignore them). */
    public void virtualMonitors(VirtualMonitorHooks v) {
        virtualMonitors = v;
    }

    @Override
    public void virtualBlocking(Thread vthread) {
        onCarrier(vthread, 0);
    }

    @Override
    public void virtualUnblocked(Thread vthread) {
        onCarrier(vthread, 1);
    }

    @Override
    public void virtualUnmountedAfterUnblock(Thread vthread) {
        onCarrier(vthread, 2);
    }

    /** Runs a virtual thread's monitor hook on its carrier, under the carrier's guard; never throws. */
    private void onCarrier(Thread vthread, int which) {
        VirtualMonitorHooks v = virtualMonitors;
        if (v == null) {
            return;
        }
        ThreadState ts = state.get();
        if (ts.busy) {
            return;
        }
        ts.busy = true;
        try {
            if (which == 0) {
                v.blocking(vthread);
            } else if (which == 1) {
                v.unblocked(vthread);
            } else {
                v.unmountedAfterUnblock(vthread);
            }
        } catch (Throwable t) {
            errors.incrementAndGet();
        } finally {
            ts.busy = false;
        }
    }

    public long errors() {
        return errors.get();
    }

    public long samplesDropped() {
        return budget.dropped();
    }

    private LockStats describe(Object sync, int hash) {
        int siteId = registry.bindings.siteOf(sync, hash);
        Site site = siteId != 0 ? registry.sites.byId(siteId) : firstContendedSite(sync);
        String lockClass = site != null && site.builtAs != null ? site.builtAs : SyncAccess.lockClassOf(sync);
        return LockStats.lock(sync, hash, lockClass, site, LockRegistry.SOURCE_HOOKS);
    }

    /** The first frame outside the lock's code and the agent ({@link LockFrames}): where this lock was first contended. */
    private Site firstContendedSite(Object sync) {
        String syncClass = sync.getClass().getName();
        StackWalker.StackFrame f = WALKER.walk(frames -> frames
                .filter(fr -> !LockFrames.isMachinery(fr, syncClass))
                .findFirst().orElse(null));
        if (f == null) {
            return registry.sites.other();
        }
        return registry.sites.intern(f.getClassName() + '.' + f.getMethodName() + ':' + f.getLineNumber(), SiteKinds.FIRST_CONTENDED);
    }

    private static boolean hasQueuedThreads(Object sync) {
        if (sync instanceof AbstractQueuedSynchronizer) {
            return ((AbstractQueuedSynchronizer) sync).hasQueuedThreads();
        }
        if (sync instanceof AbstractQueuedLongSynchronizer) {
            return ((AbstractQueuedLongSynchronizer) sync).hasQueuedThreads();
        }
        return false;
    }

    private static boolean isQueued(Object sync, Thread t) {
        if (sync instanceof AbstractQueuedSynchronizer) {
            return ((AbstractQueuedSynchronizer) sync).isQueued(t);
        }
        if (sync instanceof AbstractQueuedLongSynchronizer) {
            return ((AbstractQueuedLongSynchronizer) sync).isQueued(t);
        }
        return false;
    }

    static String modeName(int mode, String lockClass) {
        switch (mode) {
            case MODE_STAMPED_WRITE:
                return "write";
            case MODE_STAMPED_READ:
                return "read";
            case MODE_SHARED:
                return lockClass.endsWith("ReentrantReadWriteLock") ? "read" : "shared";
            default:
                return lockClass.endsWith("ReentrantReadWriteLock") ? "write" : "exclusive";
        }
    }
}
