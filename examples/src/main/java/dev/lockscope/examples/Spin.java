package dev.lockscope.examples;

/** Busy work the JIT cannot remove, used to model time spent inside and outside a lock. */
public final class Spin {
    private static volatile long sink;

    private Spin() {
    }

    /** About {@code iterations} cheap dependent steps (roughly 1 ns each on a current CPU). */
    public static long work(int iterations) {
        long x = iterations;
        for (int i = 0; i < iterations; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        sink = x;
        return x;
    }
}
