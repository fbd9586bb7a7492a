package dev.lockscope.benchmarks.locks;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How long one cache line takes to move between two CPUs here: two threads take turns writing one int.
 * Every lock that hands over per operation pays at least this (twice: lock word and guarded data), which
 * bounds what any handing-over lock can reach in the 2-thread lock-bound case. Prints the best of 5 runs.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.lockscope.benchmarks.locks.CacheLinePingPong</pre>
 */
public final class CacheLinePingPong {
    private static final AtomicInteger TURN = new AtomicInteger();

    private CacheLinePingPong() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = 2_000_000;
        double best = Double.MAX_VALUE;
        for (int run = 0; run < 5; run++) {
            Thread other = new Thread(() -> {
                for (int i = 0; i < rounds; i++) {
                    while (TURN.get() != 1) Thread.onSpinWait();
                    TURN.set(0);
                }
            });
            other.start();
            long start = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                TURN.set(1);
                while (TURN.get() != 0) Thread.onSpinWait();
            }
            long elapsed = System.nanoTime() - start;
            other.join();
            best = Math.min(best, elapsed / (2.0 * rounds));
        }
        long start = System.nanoTime();
        for (int i = 0; i < 10_000_000; i++) Thread.onSpinWait();
        double pause = (System.nanoTime() - start) / 1e7;
        System.out.printf("one-way cache-line transfer: %.1f ns (best of 5); Thread.onSpinWait: %.1f ns%n", best, pause);
    }
}
