package dev.lockscope.analyzer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A child program whose one monitor and one {@code ReentrantLock} move: both are young objects, contended by two
 * threads each while every thread allocates, so young collections copy them (to a new address each time) until
 * they are old enough to be promoted. Run it with a small young generation ({@code -Xmn}) so that happens often.
 */
public final class MovingLocks {
    static final long RUN_MILLIS = 1_500;
    static final long HOLD_NANOS = 100_000;
    static final int GARBAGE_BYTES = 16 * 1024;

    /** The moving monitor: its class name identifies it in the report. */
    public static final class MovingMonitor {
    }

    static volatile long sink;

    public static void main(String[] args) throws Exception {
        MovingMonitor monitor = new MovingMonitor();
        ReentrantLock lock = new ReentrantLock();
        long end = System.nanoTime() + RUN_MILLIS * 1_000_000;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            boolean onMonitor = i % 2 == 0;
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    if (onMonitor) {
                        synchronized (monitor) {
                            spin(HOLD_NANOS);
                        }
                    } else {
                        lock.lock();
                        try {
                            spin(HOLD_NANOS);
                        } finally {
                            lock.unlock();
                        }
                    }
                    sink += new byte[GARBAGE_BYTES].length;
                }
            }, (onMonitor ? "monitor-" : "lock-") + i);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static void spin(long nanos) {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() < until) {
            sink++;
        }
    }
}
