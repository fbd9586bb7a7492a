package dev.lockscope.locks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mutual exclusion under 2, 8 and 64 threads on this 2-core machine with a CPU hog beside them, every
 * acquisition method mixed: at most one thread is ever inside, no increment of a plain counter is lost, and
 * never more than one thread spins at a time.
 */
class MutualExclusionStressTest {
    static final long RUN_NANOS = TimeUnit.MILLISECONDS.toNanos(Long.getLong("lockscope.stress.millis", 700));

    static List<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (int threads : new int[] {2, 8, 64}) {
            for (String policy : new String[] {"best", "probe:mixed", "probe:on-cpu"}) {
                for (boolean fair : new boolean[] {false, true}) {
                    if (fair && !policy.equals("probe:on-cpu")) continue;
                    cases.add(Arguments.of(threads, policy, fair));
                }
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0} threads, {1}, fair={2}")
    @MethodSource("cases")
    void oneHolderAtATime(int threads, String policy, boolean fair) throws Exception {
        TestProbe probe = new TestProbe();
        probe.answer = policy.equals("probe:mixed") ? 2 : OwnerProbe.ON_CPU;
        ReentrantLock lock = policy.equals("best") ? new AdaptiveReentrantLock(fair) : probe.newLock(fair);
        Result r = hammer(lock, threads, RUN_NANOS);
        assertThat(r.maxInside).as("threads inside at once").isEqualTo(1);
        assertThat(r.counter).as("plain counter vs acquisitions").isEqualTo(r.acquisitions);
        assertThat(r.acquisitions).as("progress").isGreaterThan(threads);
        assertThat(probe.maxAskingAtOnce()).as("spinners at once").isLessThanOrEqualTo(1);
        assertThat(lock.isLocked()).isFalse();
        assertThat(lock.hasQueuedThreads()).isFalse();
    }

    record Result(long counter, long acquisitions, int maxInside) {
    }

    /** Every worker mixes lock(), lockInterruptibly(), tryLock(), tryLock(timeout) and reentry. */
    static Result hammer(ReentrantLock lock, int threads, long runNanos) throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        AtomicLong acquisitions = new AtomicLong();
        long[] counter = new long[1];
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        long end = System.nanoTime() + runNanos;
        try (CpuHog hog = new CpuHog()) {
            for (int i = 0; i < threads; i++) {
                Thread w = new Thread(() -> {
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    try {
                        while (System.nanoTime() - end < 0) {
                            int how = rnd.nextInt(5);
                            boolean got = true;
                            switch (how) {
                                case 0 -> lock.lock();
                                case 1 -> lock.lockInterruptibly();
                                case 2 -> got = lock.tryLock();
                                case 3 -> got = lock.tryLock(rnd.nextInt(50), TimeUnit.MICROSECONDS);
                                default -> {
                                    lock.lock();
                                    lock.lock();
                                }
                            }
                            if (!got) continue;
                            try {
                                int now = inside.incrementAndGet();
                                maxInside.accumulateAndGet(now, Math::max);
                                counter[0]++;
                                acquisitions.incrementAndGet();
                                if (rnd.nextInt(64) == 0) Thread.yield(); // sometimes get preempted holding it
                                inside.decrementAndGet();
                            } finally {
                                lock.unlock();
                                if (how == 4) lock.unlock();
                            }
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }, "worker-" + i);
                workers.add(w);
                w.start();
            }
            for (Thread w : workers) Waits.join(w);
        }
        assertThat(failures).isEmpty();
        return new Result(counter[0], acquisitions.get(), maxInside.get());
    }
}
