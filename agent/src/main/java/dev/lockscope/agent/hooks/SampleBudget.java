package dev.lockscope.agent.hooks;

import java.util.concurrent.atomic.AtomicLong;

/** At most {@code perSecond} samples per wall-clock second, lock-free; the rest are counted as dropped. */
public final class SampleBudget {
    private final int perSecond;
    /** High 32 bits: the second; low 32 bits: samples taken in it. */
    private final AtomicLong state = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    public SampleBudget(int perSecond) {
        this.perSecond = perSecond;
    }

    public boolean tryTake() {
        long second = System.nanoTime() / 1_000_000_000L;
        for (int attempt = 0; attempt < 4; attempt++) {
            long s = state.get();
            long n = (s >>> 32) == (second & 0xffffffffL) ? (s & 0xffffffffL) : 0;
            if (n >= perSecond) {
                break;
            }
            if (state.compareAndSet(s, ((second & 0xffffffffL) << 32) | (n + 1))) {
                return true;
            }
        }
        dropped.incrementAndGet();
        return false;
    }

    public long dropped() {
        return dropped.get();
    }
}
