package dev.lockscope.locks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conditions under many signalers and waiters. A bounded buffer woken with single signal() calls hangs if a
 * wakeup is lost (caught by the join timeout); every item must be taken exactly once (no double grant).
 * A permit handout checks the same with timed waits in the mix.
 */
class ConditionStressTest {
    static Stream<LockVariants.Variant> locks() {
        return Stream.concat(Stream.of(LockVariants.JDK), LockVariants.ours().stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("locks")
    void boundedBufferLosesNoWakeup(LockVariants.Variant variant) throws Exception {
        for (boolean fair : new boolean[] {false, true}) {
            boundedBuffer(variant.create(fair), 8, 8, 3_000);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("locks")
    void permitsAreGrantedOnce(LockVariants.Variant variant) throws Exception {
        permits(variant.create(false), 12, 4, 2_000);
    }

    static void boundedBuffer(ReentrantLock lock, int producers, int consumers, int perProducer) throws Exception {
        Condition notFull = lock.newCondition();
        Condition notEmpty = lock.newCondition();
        ArrayDeque<Integer> buffer = new ArrayDeque<>();
        int capacity = 4;
        int total = producers * perProducer;
        BitSet taken = new BitSet(total);
        AtomicInteger doubles = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int base = p * perProducer;
            threads.add(new Thread(() -> {
                for (int i = 0; i < perProducer; i++) {
                    lock.lock();
                    try {
                        while (buffer.size() == capacity) notFull.awaitUninterruptibly();
                        buffer.addLast(base + i);
                        notEmpty.signal();
                    } finally {
                        lock.unlock();
                    }
                }
            }, "producer-" + p));
        }
        int perConsumer = total / consumers;
        for (int c = 0; c < consumers; c++) {
            boolean timed = c % 2 == 0;
            threads.add(new Thread(() -> {
                for (int i = 0; i < perConsumer; i++) {
                    lock.lock();
                    try {
                        while (buffer.isEmpty()) {
                            if (timed) notEmpty.awaitNanos(TimeUnit.MILLISECONDS.toNanos(50));
                            else notEmpty.await();
                        }
                        int item = buffer.removeFirst();
                        if (taken.get(item)) doubles.incrementAndGet();
                        taken.set(item);
                        notFull.signal();
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    } finally {
                        lock.unlock();
                    }
                }
            }, "consumer-" + c));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) Waits.join(t);
        assertThat(doubles.get()).as("items taken twice").isZero();
        assertThat(taken.cardinality()).as("items taken").isEqualTo(total);
        assertThat(buffer).isEmpty();
        assertThat(lock.isLocked()).isFalse();
    }

    static void permits(ReentrantLock lock, int waiters, int signalers, int perSignaler) throws Exception {
        Condition available = lock.newCondition();
        int[] permits = {0};
        int total = signalers * perSignaler;
        AtomicInteger granted = new AtomicInteger();
        AtomicInteger negative = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < waiters; w++) {
            threads.add(new Thread(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                while (true) {
                    lock.lock();
                    try {
                        while (permits[0] == 0 && granted.get() < total) {
                            if (rnd.nextBoolean()) available.awaitUninterruptibly();
                            else available.await(rnd.nextInt(1, 200), TimeUnit.MICROSECONDS);
                        }
                        if (granted.get() >= total) {
                            available.signalAll(); // let the others see the end
                            return;
                        }
                        permits[0]--;
                        if (permits[0] < 0) negative.incrementAndGet();
                        granted.incrementAndGet();
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    } finally {
                        lock.unlock();
                    }
                }
            }, "permit-waiter-" + w));
        }
        for (int s = 0; s < signalers; s++) {
            threads.add(new Thread(() -> {
                for (int i = 0; i < perSignaler; i++) {
                    lock.lock();
                    try {
                        permits[0]++;
                        available.signal();
                    } finally {
                        lock.unlock();
                    }
                }
            }, "signaler-" + s));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) Waits.join(t);
        assertThat(negative.get()).as("permits granted twice").isZero();
        assertThat(granted.get()).isEqualTo(total);
        assertThat(permits[0]).isZero();
    }
}
