package dev.lockscope.benchmarks.locks;

import org.openjdk.jmh.infra.Blackhole;

/** Turns nanoseconds of simulated work into Blackhole.consumeCPU tokens, calibrated once per fork. */
final class Work {
    private static final double NANOS_PER_TOKEN = calibrate();

    private Work() {
    }

    static long tokensFor(long nanos) {
        return nanos <= 0 ? 0 : Math.max(1, Math.round(nanos / NANOS_PER_TOKEN));
    }

    static double nanosPerToken() {
        return NANOS_PER_TOKEN;
    }

    private static double calibrate() {
        long tokens = 200_000;
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 40; i++) { // warm up and keep the fastest: the least disturbed by the neighbours
            long start = System.nanoTime();
            Blackhole.consumeCPU(tokens);
            best = Math.min(best, (System.nanoTime() - start) / (double) tokens);
        }
        return best;
    }
}
