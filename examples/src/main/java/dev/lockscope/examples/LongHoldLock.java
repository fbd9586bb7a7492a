package dev.lockscope.examples;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Built for the verdict "shorten the critical section": a report is rebuilt under the lock for about 200 us
 * each time. Spinning cannot bridge holds that long; only less work under the lock helps.
 */
public final class LongHoldLock {
    private final ReentrantLock lock = new ReentrantLock();
    private long report;

    void rebuild() {
        lock.lock();
        try {
            report += Spin.work(200_000);
        } finally {
            lock.unlock();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        double[] a = TimedRun.args(args, 10, 4);
        LongHoldLock l = new LongHoldLock();
        TimedRun.report(TimedRun.run("long-holds", (int) a[1], a[0], i -> {
            l.rebuild();
            Spin.work(20_000);
        }));
    }
}
