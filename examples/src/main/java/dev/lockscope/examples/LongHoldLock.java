package dev.lockscope.examples;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Built for the verdict "shorten the critical section": a report is rebuilt under the lock for about 2 ms
 * each time (JDK 17; about 0.3 ms on JDK 25). Spinning cannot bridge holds that long; only less work under the lock helps.
 *
 * <p>Two threads by default, on purpose: each waiter then waits for one owner's hold, during which that owner
 * runs (two threads fit on two cores), so the owners' measured on-CPU share rules out preemption as the cause of
 * the long waits. With more threads than cores the long waits could as well come from preempted owners, and a
 * waiter queued behind several others would mostly see its first owner parked in the queue itself.
 */
public final class LongHoldLock {
    /**
     * About 2 ms of work on JDK 17 (about 0.3 ms on JDK 25, whose JIT runs Spin faster): far beyond a park/unpark and
     * beyond a wake-up latency, so even an upper bound on the hold says "long".
     */
    static final int SECTION_WORK = 2_000_000;

    private final ReentrantLock lock = new ReentrantLock();
    private long report;

    void rebuild() {
        lock.lock();
        try {
            report += Spin.work(SECTION_WORK);
        } finally {
            lock.unlock();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        double[] a = TimedRun.args(args, 10, 2);
        LongHoldLock l = new LongHoldLock();
        TimedRun.report(TimedRun.run("long-holds", (int) a[1], a[0], i -> {
            l.rebuild();
            Spin.work(20_000);
        }));
        // The section's length on this JVM, alone (JIT compilers differ: JDK 25 runs Spin.work faster than 17).
        System.out.printf(java.util.Locale.ROOT, "section.nanos %d%n", shortestSection());
    }

    /** The shortest of a few uncontended runs of the section's work, in nanoseconds. */
    static long shortestSection() {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 20; i++) {
            long t0 = System.nanoTime();
            Spin.work(SECTION_WORK);
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best;
    }
}
