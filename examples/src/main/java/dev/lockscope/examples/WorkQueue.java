package dev.lockscope.examples;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** A bounded queue: consumers wait on a Condition for work, which is waiting, not lock contention. */
public final class WorkQueue {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<Long> items = new ArrayDeque<>();
    private final int capacity;

    public WorkQueue(int capacity) {
        this.capacity = capacity;
    }

    public void put(long item) {
        lock.lock();
        try {
            while (items.size() >= capacity) {
                notFull.awaitUninterruptibly();
            }
            items.add(item);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    public long take() {
        lock.lock();
        try {
            while (items.isEmpty()) {
                notEmpty.awaitUninterruptibly();
            }
            long item = items.removeFirst();
            notFull.signal();
            return item;
        } finally {
            lock.unlock();
        }
    }
}
