package dev.lockscope.agent;

import java.util.function.LongSupplier;

/**
 * Waits until the application's start-up has settled, for the agent's parts that are not needed while it starts (the
 * native probe, JFR events and the monitor stream, advice, meters, JMX): started beside a Spring Boot service's
 * start-up, they competed with it for the CPUs and made it about 1.2x slower (docs/performance-notes.md, "Agent cost
 * on real applications"). A start-up is mostly class loading, which the agent's load-time transformers see; it has
 * settled when two polls in a row see fewer than {@link #QUIET_CALLS} of their calls, or at the latest after
 * {@code maxMillis}.
 */
final class StartupQuiet {
    static final long POLL_MS = 250;
    /** Transformer calls per poll below which class loading counts as settled (two transformers see each class). */
    static final long QUIET_CALLS = 50;
    static final int QUIET_POLLS = 2;

    private StartupQuiet() {
    }

    /** Returns after {@link #QUIET_POLLS} quiet polls of {@code classLoads}, or after {@code maxMillis}; how long it waited in ms. */
    static long await(LongSupplier classLoads, long maxMillis, long pollMillis) throws InterruptedException {
        long start = System.nanoTime();
        long last = classLoads.getAsLong();
        int quiet = 0;
        while (quiet < QUIET_POLLS && (System.nanoTime() - start) / 1_000_000 < maxMillis) {
            Thread.sleep(pollMillis);
            long now = classLoads.getAsLong();
            quiet = now - last < QUIET_CALLS ? quiet + 1 : 0;
            last = now;
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}
