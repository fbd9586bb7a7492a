package dev.lockscope.benchmarks.locks;

import dev.lockscope.locks.AdaptiveReentrantLock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/** The locks compared. {@code synchronized} has no lock/unlock pair, so {@link LockBenchmark} special-cases it. */
abstract class BenchLock {
    abstract void lock();

    abstract void unlock();

    /** What the row is, with the adaptive lock's policy where it has one. */
    abstract String describe();

    static BenchLock create(String name) {
        switch (name) {
            case "synchronized": return null;
            case "ReentrantLock": return new Juc(new ReentrantLock());
            case "ReentrantLockFair": return new Juc(new ReentrantLock(true));
            case "Adaptive": return new Juc(new AdaptiveReentrantLock());
            case "AdaptivePortable": return new Juc(AdaptiveReentrantLock.portable(false));
            case "TAS": return new Tas();
            case "SpinThenPark": return new SpinThenPark();
            default: throw new IllegalArgumentException("unknown lock " + name);
        }
    }

    /** A java.util.concurrent lock as is. */
    static final class Juc extends BenchLock {
        private final ReentrantLock lock;

        Juc(ReentrantLock lock) {
            this.lock = lock;
        }

        @Override
        void lock() {
            lock.lock();
        }

        @Override
        void unlock() {
            lock.unlock();
        }

        @Override
        String describe() {
            return lock instanceof AdaptiveReentrantLock ? ((AdaptiveReentrantLock) lock).policy().toString()
                    : lock.getClass().getSimpleName() + (lock.isFair() ? " fair" : "");
        }
    }

    /** A naive test-and-set spin lock: what collapse looks like when spinners outnumber CPUs. */
    static final class Tas extends BenchLock {
        private final AtomicBoolean held = new AtomicBoolean();

        @Override
        void lock() {
            while (held.getAndSet(true)) Thread.onSpinWait();
        }

        @Override
        void unlock() {
            held.set(false);
        }

        @Override
        String describe() {
            return "test-and-set spin";
        }
    }

    /** Spin a fixed 2,000 tryLocks, then ReentrantLock.lock(): what knowing the owner's state must beat. */
    static final class SpinThenPark extends BenchLock {
        private final ReentrantLock lock = new ReentrantLock();

        @Override
        void lock() {
            for (int i = 0; i < 2_000; i++) {
                if (lock.tryLock()) return;
                Thread.onSpinWait();
            }
            lock.lock();
        }

        @Override
        void unlock() {
            lock.unlock();
        }

        @Override
        String describe() {
            return "spin 2000 tryLock then park";
        }
    }
}
