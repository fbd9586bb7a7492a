package dev.lockscope.examples;

import java.util.concurrent.locks.ReentrantLock;

/** Account balances behind one lock: short critical sections, many posting threads. */
public final class OrderLedger {
    /** A posting's work under the lock, about 2 us: short next to a park and wake-up (tens of us here). */
    static final int SECTION_WORK = 2000;

    private final ReentrantLock lock = new ReentrantLock();
    private final long[] balances = new long[64];
    private long postings;

    public void post(int account, long amount) {
        lock.lock();
        try {
            balances[account & 63] += amount;
            postings++;
            Spin.work(SECTION_WORK);
        } finally {
            lock.unlock();
        }
    }

    public long postings() {
        lock.lock();
        try {
            return postings;
        } finally {
            lock.unlock();
        }
    }
}
