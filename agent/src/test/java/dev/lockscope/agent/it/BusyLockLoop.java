package dev.lockscope.agent.it;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** The test apps' worker: take the lock, spin {@code inside} steps under it, spin {@code outside} steps, until told. */
final class BusyLockLoop implements Runnable {
    private static long counter;
    private final Supplier<ReentrantLock> lock;
    private final int inside;
    private final int outside;
    private final LongSupplier stopAtNanos;

    BusyLockLoop(Supplier<ReentrantLock> lock, int inside, int outside, LongSupplier stopAtNanos) {
        this.lock = lock;
        this.inside = inside;
        this.outside = outside;
        this.stopAtNanos = stopAtNanos;
    }

    @Override
    public void run() {
        long local = 0;
        while (System.nanoTime() < stopAtNanos.getAsLong()) {
            ReentrantLock l = lock.get();
            l.lock();
            try {
                for (int i = 0; i < inside; i++) {
                    counter += i ^ counter;
                }
            } finally {
                l.unlock();
            }
            for (int i = 0; i < outside; i++) {
                local += i ^ local;
            }
        }
        if (local == 42) {
            System.out.println("unlikely");
        }
    }
}
