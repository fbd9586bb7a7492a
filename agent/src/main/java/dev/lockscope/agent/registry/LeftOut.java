package dev.lockscope.agent.registry;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Waits the agent keeps out of every lock figure (registry, summaries, meters, per-wait events, advice) because
 * they are its own activity, not the application's contention, counted so the reports can say what was left out:
 * <ul>
 * <li>own waits: waits of the agent's own threads, and monitor waits with the agent's code on the waiter's stack;</li>
 * <li>agent-owned waits: an application thread waited for a lock an agent thread held (at the wait's start for
 * {@code java.util.concurrent} locks, the monitor's previous owner for {@code synchronized}). That time is the
 * agent's cost to the application, reported as such rather than as contention of an application lock.</li>
 * </ul>
 * Updated from hooks (atomics only) and the monitor stream.
 */
public final class LeftOut {
    private final AtomicLong ownWaits = new AtomicLong();
    private final AtomicLong agentOwnedWaits = new AtomicLong();
    private final AtomicLong agentOwnedNanos = new AtomicLong();

    public void ownWait() {
        ownWaits.incrementAndGet();
    }

    public void agentOwnedWait(long nanos) {
        agentOwnedWaits.incrementAndGet();
        agentOwnedNanos.addAndGet(Math.max(0, nanos));
    }

    /** Waits (lock and condition) of the agent's own threads or inside its code, since start. */
    public long ownWaits() {
        return ownWaits.get();
    }

    /** Waits of application threads on a lock an agent thread held, since start. */
    public long agentOwnedWaits() {
        return agentOwnedWaits.get();
    }

    /** The time of those waits, ns. */
    public long agentOwnedNanos() {
        return agentOwnedNanos.get();
    }
}
