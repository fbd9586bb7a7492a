package dev.lockscope.benchmarks.locks;

import org.openjdk.jmh.infra.Blackhole;

/**
 * Turns nanoseconds of simulated work into Blackhole.consumeCPU tokens. {@code benchmarks/run-locks} calibrates
 * once ({@link #main}) and hands the figure to every fork, so all locks in a run do the same work per op;
 * without it each fork calibrates itself (forks then differ by the machine's noise, up to ~15% here).
 */
public final class Work {
    private static final double NANOS_PER_TOKEN = calibrate();

    private Work() {
    }

    static long tokensFor(long nanos) {
        return tokensFor(nanos, NANOS_PER_TOKEN);
    }

    static long tokensFor(long nanos, double nanosPerToken) {
        return nanos <= 0 ? 0 : Math.max(1, Math.round(nanos / nanosPerToken));
    }

    /** Prints this JVM's calibration (ns per token) for run-locks to pass to every fork. */
    public static void main(String[] args) {
        System.out.println(String.format(java.util.Locale.ROOT, "%.4f", NANOS_PER_TOKEN));
    }

    static double nanosPerToken() {
        return NANOS_PER_TOKEN;
    }

    private static double calibrate() {
        long tokens = 200_000;
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 100; i++) { // warm up and keep the fastest: the least disturbed by the neighbours
            long start = System.nanoTime();
            Blackhole.consumeCPU(tokens);
            best = Math.min(best, (System.nanoTime() - start) / (double) tokens);
        }
        return best;
    }
}
