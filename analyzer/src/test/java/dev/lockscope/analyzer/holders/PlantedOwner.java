package dev.lockscope.analyzer.holders;

import java.util.ArrayList;
import java.util.List;

/**
 * What the planted owner programs share: a deadline, threads that run until it, CPU work that cannot be optimised away,
 * and the lines they print for the test ({@code key value}, one a line).
 */
public final class PlantedOwner {
    private static volatile long sink;

    private PlantedOwner() {
    }

    /** Runs each task in a thread of that name until {@code seconds} have passed, then waits for them all. */
    public static void runFor(double seconds, List<String> names, List<ThrowingRunnable> loops) throws Exception {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < loops.size(); i++) {
            ThrowingRunnable loop = loops.get(i);
            Thread t = new Thread(() -> {
                try {
                    while (System.nanoTime() < deadline) {
                        loop.run();
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, names.get(i));
            threads.add(t);
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a planted thread failed", failures.get(0));
        }
    }

    /** Burns the CPU for about {@code nanos} (measured by the clock, not by iterations). */
    public static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        long x = sink;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 100; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
        }
        sink = x;
    }

    /**
     * About {@code nanos}, give or take half: holds of a fixed length would keep in step with JFR's sampler (20 ms
     * apart) and put every sample in the same phase of them.
     */
    public static long jittered(long nanos) {
        return nanos / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(nanos + 1);
    }

    /** A pause outside the lock that neither parks nor sleeps (either would be an event of its own). */
    public static void outside() {
        spin(jittered(100_000));
    }

    public static void print(String key, long value) {
        System.out.println(key + " " + value);
    }

    /** A loop body that may throw. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
