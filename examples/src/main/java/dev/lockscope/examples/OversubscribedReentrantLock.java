package dev.lockscope.examples;

import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link TooManyThreads}' workload behind a {@link ReentrantLock} instead of a monitor: 64 CPU-bound threads on a
 * few cores take turns on a lock held for about 1 us, so owners are often preempted while holding it. The verdict
 * is still "fewer threads"; being a ReentrantLock, agent option {@code adapt=} can swap it, which shows that the
 * adaptive lock is not the fix for an oversubscribed program.
 */
public final class OversubscribedReentrantLock {
    private final ReentrantLock lock = new ReentrantLock();
    private long total;

    void add(long v) {
        lock.lock();
        try {
            total += v;
            Spin.work(1_000);
        } finally {
            lock.unlock();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        double[] a = TimedRun.args(args, 10, 64);
        OversubscribedReentrantLock t = new OversubscribedReentrantLock();
        TimedRun.report(TimedRun.run("oversubscribed-reentrant", (int) a[1], a[0], i -> t.add(Spin.work(20_000))));
    }
}
