package dev.lockscope.locks;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A scripted on-CPU source for tests: answers what the test sets, gives each thread a fake tid, and records
 * how many threads were asking at once (only a spinner asks, so more than one at once means two spinners).
 */
final class TestProbe implements OwnerProbe {
    private static final AtomicInteger NEXT_TID = new AtomicInteger(100_000);
    private static final ThreadLocal<Integer> TID = ThreadLocal.withInitial(NEXT_TID::incrementAndGet);

    volatile int answer = ON_CPU;
    final AtomicLong calls = new AtomicLong();
    private final AtomicInteger askingNow = new AtomicInteger();
    private final AtomicInteger maxAskingAtOnce = new AtomicInteger();

    @Override
    public int onCpu(int tid) {
        calls.incrementAndGet();
        int now = askingNow.incrementAndGet();
        maxAskingAtOnce.accumulateAndGet(now, Math::max);
        try {
            int a = answer;
            if (a == 2) return (tid & 1) == 0 ? ON_CPU : OFF_CPU; // "mixed": depends on the owner
            return a;
        } finally {
            askingNow.decrementAndGet();
        }
    }

    @Override
    public int currentTid() {
        return TID.get();
    }

    @Override
    public String source() {
        return "test probe";
    }

    int maxAskingAtOnce() {
        return maxAskingAtOnce.get();
    }

    AdaptiveReentrantLock newLock(boolean fair) {
        return new AdaptiveReentrantLock(fair, SpinPolicy.oracle(this), false);
    }
}
