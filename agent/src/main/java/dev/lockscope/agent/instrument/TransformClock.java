package dev.lockscope.agent.instrument;

import java.util.concurrent.atomic.LongAdder;

/**
 * Time the application's class loading spends in the agent's load-time transformers, all of them together: the
 * agent's cost at start-up that no hook counter shows (reported in {@code AgentStatus.transformTime}); and how many
 * calls, the pace of class loading that tells when a start-up has settled. LongAdders, because classes load on many
 * threads at once.
 */
public final class TransformClock {
    private static final LongAdder NANOS = new LongAdder();
    private static final LongAdder CALLS = new LongAdder();

    private TransformClock() {
    }

    /** Adds the time since {@code startNanos} (a {@link System#nanoTime()} taken as the transformer was entered). */
    public static void since(long startNanos) {
        NANOS.add(System.nanoTime() - startNanos);
        CALLS.increment();
    }

    /** Transformer calls so far: each transformer is called once for every class loaded or redefined. */
    public static long calls() {
        return CALLS.sum();
    }

    public static long totalNanos() {
        return NANOS.sum();
    }
}
