package dev.lockscope.examples;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Built for the verdict "adopt the adaptive lock": a counter table behind one ReentrantLock, held for about 2 us,
 * with about 2 us of work between acquisitions, by one thread per core (at least two). Owners keep running
 * (nobody else wants the CPUs), so a waiter that parks pays a futex wait, a wake-up by the owner and a context
 * switch (tens of microseconds on a VM) for a hold it could have spun through.
 */
public final class ShortHoldsBusyLock {
    /** About 2 us under the lock: short next to a park and wake-up. */
    static final int SECTION_WORK = 2000;
    /** About 2 us between acquisitions: with one thread per core the lock is contended about half the time. */
    static final int OUTSIDE_WORK = 2000;

    private final ReentrantLock lock = new ReentrantLock();
    private final long[] counters = new long[256];

    void increment(int key) {
        lock.lock();
        try {
            counters[key & 255]++;
            Spin.work(SECTION_WORK);
        } finally {
            lock.unlock();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        double[] a = TimedRun.args(args, 10, Math.max(2, Runtime.getRuntime().availableProcessors()));
        ShortHoldsBusyLock table = new ShortHoldsBusyLock();
        TimedRun.report(TimedRun.run("short-holds", (int) a[1], a[0], i -> {
            table.increment(i);
            Spin.work(OUTSIDE_WORK);
        }));
    }
}
