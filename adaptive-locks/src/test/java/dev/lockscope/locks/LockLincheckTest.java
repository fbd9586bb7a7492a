package dev.lockscope.locks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Lincheck: a counter guarded by the lock must be linearizable (every increment seen exactly once, reads
 * consistent) in all interleavings the model checker explores, and under its stress mode. A broken mutual
 * exclusion (two holders) shows up as a lost increment, i.e. a non-linearizable history.
 */
public class LockLincheckTest {
    private final ReentrantLock lock = new TestProbe().newLock(false);
    private int value;

    @Operation
    public int increment() {
        lock.lock();
        try {
            return ++value;
        } finally {
            lock.unlock();
        }
    }

    @Operation
    public int reentrantIncrement() {
        lock.lock();
        try {
            lock.lock();
            try {
                return ++value + 1000 * lock.getHoldCount();
            } finally {
                lock.unlock();
            }
        } finally {
            lock.unlock();
        }
    }

    @Operation
    public int timedIncrement() throws InterruptedException {
        if (!lock.tryLock(1, TimeUnit.HOURS)) return -1;
        try {
            return ++value;
        } finally {
            lock.unlock();
        }
    }

    @Operation
    public int read() {
        lock.lock();
        try {
            return value;
        } finally {
            lock.unlock();
        }
    }

    @Test
    void modelChecking() {
        new ModelCheckingOptions().iterations(30).invocationsPerIteration(500).threads(3).actorsPerThread(3)
                .check(getClass());
    }

    @Test
    void stress() {
        new StressOptions().iterations(20).invocationsPerIteration(2_000).threads(3).actorsPerThread(3)
                .check(getClass());
    }
}
