package dev.lockscope.analyzer.holders;

/**
 * What the lockscope agent measured of the owners during the profiled waits it wrote (its {@code LockWait} events,
 * from the native probe's eBPF map): of those waits' time, how long the owners ran on a CPU, were runnable but
 * preempted, and were off a CPU by their own doing.
 *
 * @param waits            waits measured
 * @param waitNanos        their time: what the three figures add up to
 * @param onCpuNanos       the owners on a CPU
 * @param preemptedNanos   the owners runnable but off a CPU after a switch-out as runnable
 * @param offCpuNanos      the owners off a CPU by their own doing (blocked, parked, sleeping, in I/O, waking up)
 * @param source           the agent's source label of the figures (the most frequent one), or null when none
 * @param waitsNotMeasured the agent's profiled waits it did not measure
 * @param whyNotMeasured   the agent's most frequent reason for those, or null
 */
public record OwnerCpu(long waits, long waitNanos, long onCpuNanos, long preemptedNanos, long offCpuNanos,
                       String source, long waitsNotMeasured, String whyNotMeasured) {
}
