package dev.lockscope.agent.registry;

/** Per-thread hook state. Only its own thread touches it. */
public final class ThreadState {
    static final int HOLD_SLOTS = 4;

    /** Recursion guard: set while this thread runs agent code from a hook. */
    public boolean busy;

    // The wait in progress (a thread waits on one lock at a time).
    Object waitSync;
    LockStats waitStats;
    long waitStart;
    int waitMode;
    Thread waitOwner;
    int waitWaiters;
    dev.lockscope.events.LockWait waitEvent;
    // Native-probe readings at wait start: the owner's kernel tid (-1: none) and on-CPU ns; futex calls of
    // waiter + owner under futex-window epoch waitFutexEpoch (even: not counted).
    int waitOwnerTid = -1;
    long waitOwnerOnCpu;
    int waitFutexEpoch;
    long waitFutexCalls;
    // Probe figures of the wait just ended (-1: not measured), for its LockWait event.
    double endOnCpuShare;
    long endFutexCalls;

    /** This thread's kernel tid: 0 until asked, -1 when unknown (or a virtual thread, whose carrier changes). */
    int tid;

    // Condition wait in progress.
    LockStats condStats;
    long condStart;

    // Exclusive holds that began with a contended acquisition while others were queued.
    final LockStats[] holdStats = new LockStats[HOLD_SLOTS];
    final Object[] holdSync = new Object[HOLD_SLOTS];
    final long[] holdStart = new long[HOLD_SLOTS];
    int holdCount;

    void pushHold(Object sync, LockStats s, long now) {
        int slot = -1;
        for (int i = 0; i < HOLD_SLOTS; i++) {
            if (holdSync[i] == sync || (slot < 0 && holdSync[i] == null)) {
                slot = i;
                if (holdSync[i] == sync) {
                    break;
                }
            }
        }
        if (slot < 0) {
            // Keep the newest holds; the oldest is most likely stale.
            slot = 0;
            for (int i = 1; i < HOLD_SLOTS; i++) {
                if (holdStart[i] < holdStart[slot]) {
                    slot = i;
                }
            }
        }
        if (holdSync[slot] == null) {
            holdCount++;
        }
        holdSync[slot] = sync;
        holdStats[slot] = s;
        holdStart[slot] = now;
    }

    void clearHold(int i) {
        if (holdSync[i] != null) {
            holdCount--;
        }
        holdSync[i] = null;
        holdStats[i] = null;
        holdStart[i] = 0;
    }

    void clearWait() {
        waitSync = null;
        waitStats = null;
        waitOwner = null;
        waitEvent = null;
        waitOwnerTid = -1;
        waitFutexEpoch = 0;
    }
}
