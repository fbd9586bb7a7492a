package dev.lockscope.agent.hooks;

import dev.lockscope.agent.registry.AgentThreads;
import dev.lockscope.agent.registry.LockStats;

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
    /** The waiter is a virtual thread; the carrier it was mounted on when the wait began (null: not virtual). */
    boolean waitVirtual;
    Thread waitCarrier;
    /** A virtual-thread owner's carrier at wait start, whose on-CPU time stands for the owner's (null: none read). */
    Thread waitOwnerCarrier;
    /** The wait in progress is for a lock an agent thread owns: timed as the agent's cost only. */
    boolean waitAgentOwned;
    // Native-probe readings at wait start: the owner's kernel tid (-1: none) and on-CPU ns; futex calls of
    // waiter + owner under futex-window epoch waitFutexEpoch (even: not counted).
    int waitOwnerTid = -1;
    long waitOwnerOnCpu;
    /** The owner's run-queue ns at wait start (preempted time), -1 when not read. */
    long waitOwnerRunQueue = -1;
    int waitFutexEpoch;
    long waitFutexCalls;
    // Probe figures of the wait just ended (-1: not measured), for its LockWait event.
    double endOnCpuShare;
    /** Of the wait just ended, the share its owner was preempted (runnable, off a CPU), -1 when not measured. */
    double endPreemptedShare;
    long endFutexCalls;

    /** The thread's name when last checked, and whether it is one of the agent's threads (names can change). */
    private String nameSeen;
    private boolean agentThread;

    /** This thread's kernel tid: 0 until asked, -1 when unknown, {@link #VIRTUAL} for a virtual thread (its carrier changes). */
    int tid;
    static final int VIRTUAL = -2;

    // Condition wait in progress.
    LockStats condStats;
    long condStart;

    // Exclusive holds that began with a contended acquisition while others were queued.
    final LockStats[] holdStats = new LockStats[HOLD_SLOTS];
    final Object[] holdSync = new Object[HOLD_SLOTS];
    final long[] holdStart = new long[HOLD_SLOTS];
    int holdCount;

    /** Whether the current thread (this state's own) is one of the agent's: one field read while its name stays. */
    boolean agentThread() {
        String name = Thread.currentThread().getName();
        if (name != nameSeen) { // identity: the same String object while the name is unchanged
            nameSeen = name;
            agentThread = AgentThreads.isAgentThreadName(name);
        }
        return agentThread;
    }

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
        waitAgentOwned = false;
        waitVirtual = false;
        waitCarrier = null;
        waitOwnerCarrier = null;
        waitOwnerTid = -1;
        waitOwnerRunQueue = -1;
        waitFutexEpoch = 0;
    }
}
