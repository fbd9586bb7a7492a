package dev.lockscope.examples;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Built for the verdict "use a read-write lock": a map behind one ReentrantLock where 95% of the operations
 * only read, yet every reader waits for the one before it. Prints how many acquisitions of each kind found the lock
 * held (lines {@code contended.reads N} and {@code contended.writes N}): the share of readers among the waits is that
 * split, which follows the run's scheduling, not the 95% of the operations alone.
 */
public final class ReadMostlyCache {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Integer, Long> map = new HashMap<>();
    private final LongAdder contendedReads = new LongAdder();
    private final LongAdder contendedWrites = new LongAdder();

    ReadMostlyCache() {
        for (int i = 0; i < 1024; i++) {
            map.put(i, (long) i);
        }
    }

    long get(int key) {
        // lock(), counting the acquisitions that found the lock held (lock() itself starts with the same try); written
        // out in each method, since the agent classifies a critical section from its own method's bytecode.
        if (!lock.tryLock()) {
            contendedReads.increment();
            lock.lock();
        }
        try {
            Long v = map.get(key & 1023);
            Spin.work(2_000); // a read that does real work: formatting, copying
            return v == null ? 0 : v;
        } finally {
            lock.unlock();
        }
    }

    void put(int key, long value) {
        if (!lock.tryLock()) {
            contendedWrites.increment();
            lock.lock();
        }
        try {
            map.put(key & 1023, value);
        } finally {
            lock.unlock();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        double[] a = TimedRun.args(args, 10, 4);
        ReadMostlyCache c = new ReadMostlyCache();
        long[] seq = new long[64];
        TimedRun.report(TimedRun.run("read-mostly", (int) a[1], a[0], i -> {
            long n = seq[i * 8 % 64]++;
            if (n % 20 == 0) {
                c.put((int) n, n);
            } else {
                c.get((int) (n * 31));
            }
        }));
        System.out.println("contended.reads " + c.contendedReads.sum());
        System.out.println("contended.writes " + c.contendedWrites.sum());
    }
}
