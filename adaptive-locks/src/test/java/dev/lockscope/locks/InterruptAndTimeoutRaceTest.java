package dev.lockscope.locks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Interrupts and timeouts racing with unlock: whatever a waiter's outcome (acquired, interrupted, timed out)
 * it must agree with isHeldByCurrentThread(), nobody may be left queued or holding, and every waiter must
 * finish (a lost wakeup would hang one). Run on ReentrantLock too: the same invariants must hold for both.
 */
class InterruptAndTimeoutRaceTest {

    static Stream<LockVariants.Variant> locks() {
        return Stream.concat(Stream.of(LockVariants.JDK), LockVariants.ours().stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("locks")
    void outcomesAgreeWithOwnership(LockVariants.Variant variant) throws Exception {
        for (boolean fair : new boolean[] {false, true}) {
            ReentrantLock lock = variant.create(fair);
            race(lock, 8, TimeUnit.MILLISECONDS.toNanos(400));
        }
    }

    static void race(ReentrantLock lock, int threads, long runNanos) throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicLong acquired = new AtomicLong();
        AtomicLong interrupted = new AtomicLong();
        AtomicLong timedOut = new AtomicLong();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Thread> workers = new ArrayList<>();
        long end = System.nanoTime() + runNanos;
        for (int i = 0; i < threads; i++) {
            Thread w = new Thread(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                while (System.nanoTime() - end < 0) {
                    try {
                        boolean got;
                        if (rnd.nextBoolean()) {
                            lock.lockInterruptibly();
                            got = true;
                        } else {
                            got = lock.tryLock(rnd.nextInt(1, 100), TimeUnit.MICROSECONDS);
                        }
                        if (!got) {
                            timedOut.incrementAndGet();
                            check(!lock.isHeldByCurrentThread(), "timed out but holds the lock", failures);
                            continue;
                        }
                        try {
                            check(lock.getHoldCount() == 1, "hold count " + lock.getHoldCount(), failures);
                            check(inside.incrementAndGet() == 1, "two holders", failures);
                            acquired.incrementAndGet();
                            if (rnd.nextInt(8) == 0) Thread.sleep(0, 20_000); // an interrupt may land here
                            inside.decrementAndGet();
                        } catch (InterruptedException e) {
                            inside.decrementAndGet();
                            interrupted.incrementAndGet();
                        } finally {
                            lock.unlock();
                        }
                    } catch (InterruptedException e) {
                        interrupted.incrementAndGet();
                        check(!lock.isHeldByCurrentThread(), "interrupted but holds the lock", failures);
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }
                Thread.interrupted();
            }, "racer-" + i);
            workers.add(w);
            w.start();
        }
        Thread interrupter = new Thread(() -> {
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            while (System.nanoTime() - end < 0) {
                workers.get(rnd.nextInt(workers.size())).interrupt();
                LockSupportPause.micros(rnd.nextInt(5, 50));
            }
        }, "interrupter");
        interrupter.start();
        for (Thread w : workers) Waits.join(w);
        Waits.join(interrupter);
        assertThat(failures).isEmpty();
        assertThat(lock.isLocked()).isFalse();
        assertThat(lock.hasQueuedThreads()).isFalse();
        assertThat(acquired.get()).isPositive();
        assertThat(interrupted.get() + timedOut.get()).as("interrupts and timeouts happened").isPositive();
        // The lock still works for a newcomer after all the cancellations.
        assertThat(lock.tryLock(1, TimeUnit.SECONDS)).isTrue();
        lock.unlock();
    }

    private static void check(boolean ok, String what, List<Throwable> failures) {
        if (!ok) failures.add(new AssertionError(what));
    }

    /** Short pauses without sleeping a whole scheduler tick. */
    static final class LockSupportPause {
        static void micros(int us) {
            java.util.concurrent.locks.LockSupport.parkNanos(us * 1000L);
        }
    }
}
