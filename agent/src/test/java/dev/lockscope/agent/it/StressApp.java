package dev.lockscope.agent.it;

import java.util.ArrayDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/**
 * Hammers every hooked path (lock/unlock wake-ups, read/write, semaphore, StampedLock, condition
 * signal/await in a bounded buffer) from many threads. A lost wake-up hangs it (the test's timeout fails);
 * a lost update shows in the printed totals, which must equal the expected ones.
 */
public final class StressApp {
    static final int THREADS = 8;
    static final int ITERATIONS = Integer.getInteger("iterations", 20_000);

    public static void main(String[] args) throws Exception {
        ReentrantLock lock = new ReentrantLock();
        ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
        Semaphore sem = new Semaphore(2);
        StampedLock stamped = new StampedLock();
        long[] counters = new long[4];
        // Bounded buffer: producers and consumers meet on two conditions.
        ReentrantLock bufLock = new ReentrantLock(true);
        Condition notFull = bufLock.newCondition();
        Condition notEmpty = bufLock.newCondition();
        ArrayDeque<Integer> buf = new ArrayDeque<>();
        long[] consumed = new long[1];

        Thread[] ts = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            final int id = t;
            ts[t] = new Thread(() -> {
                try {
                    for (int i = 0; i < ITERATIONS; i++) {
                        lock.lock();
                        try {
                            counters[0]++;
                        } finally {
                            lock.unlock();
                        }
                        if (i % 4 == 0) {
                            rw.writeLock().lock();
                            try {
                                counters[1]++;
                            } finally {
                                rw.writeLock().unlock();
                            }
                        } else {
                            rw.readLock().lock();
                            rw.readLock().unlock();
                        }
                        sem.acquire();
                        sem.release();
                        long s = stamped.writeLock();
                        counters[2]++;
                        stamped.unlockWrite(s);
                        bufLock.lock();
                        try {
                            if (id % 2 == 0) {
                                while (buf.size() >= 4) {
                                    notFull.await();
                                }
                                buf.add(i);
                                notEmpty.signal();
                            } else {
                                while (buf.isEmpty()) {
                                    notEmpty.await();
                                }
                                buf.poll();
                                consumed[0]++;
                                notFull.signal();
                            }
                        } finally {
                            bufLock.unlock();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "stress-" + t);
            ts[t].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        System.out.println("lock=" + counters[0] + " write=" + counters[1] + " stamped=" + counters[2] + " consumed=" + consumed[0]);
    }
}
