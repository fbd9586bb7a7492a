package dev.lockscope.examples;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Built for the verdict "use a read-write lock": a map behind one ReentrantLock where 95% of the operations
 * only read, yet every reader waits for the one before it.
 */
public final class ReadMostlyCache {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Integer, Long> map = new HashMap<>();

    ReadMostlyCache() {
        for (int i = 0; i < 1024; i++) {
            map.put(i, (long) i);
        }
    }

    long get(int key) {
        lock.lock();
        try {
            Long v = map.get(key & 1023);
            Spin.work(2_000); // a read that does real work: formatting, copying
            return v == null ? 0 : v;
        } finally {
            lock.unlock();
        }
    }

    void put(int key, long value) {
        lock.lock();
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
    }
}
