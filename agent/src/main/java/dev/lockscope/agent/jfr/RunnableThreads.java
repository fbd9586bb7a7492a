package dev.lockscope.agent.jfr;

/**
 * Runnable threads per CPU, as {@code LockSummary} gives them: the advice's sampler ({@code advice/RunnableSampler})
 * seen from the event writer, so that this package depends on no part that depends on the hooks.
 */
public interface RunnableThreads {
    /** The sampler's running totals; {@code totals()[1]} counts its samples. */
    long[] totals();

    /** Mean runnable threads per CPU between two totals, -1 when no sample fell between them. */
    double perCpu(long[] before, long[] after);

    /** Why the sampler cannot run here, or null. */
    String unavailable();

    /** The figure's source over a period with {@code samplesInPeriod} samples. */
    String source(long samplesInPeriod);

    /** When the sampler runs at all (why a period may have no sample). */
    String sampledOnlyWhile();
}
