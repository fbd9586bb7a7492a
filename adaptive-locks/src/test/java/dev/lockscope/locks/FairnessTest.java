package dev.lockscope.locks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A fair lock never lets a newcomer (lock, timed tryLock, or a releaser re-locking) barge past a queued waiter. */
class FairnessTest {
    static Stream<LockVariants.Variant> locks() {
        return Stream.concat(Stream.of(LockVariants.JDK), LockVariants.ours().stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("locks")
    void queuedWaiterGoesBeforeNewcomer(LockVariants.Variant variant) throws Exception {
        for (int r = 0; r < 20; r++) {
            int round = r;
            ReentrantLock lock = variant.create(true);
            List<String> order = new CopyOnWriteArrayList<>();
            lock.lock();
            Thread queued = new Thread(() -> grab(lock, order, "queued", round % 2 == 0), "queued");
            queued.start();
            Waits.until(() -> lock.hasQueuedThread(queued), "first waiter queued");
            Thread newcomer = new Thread(() -> grab(lock, order, "newcomer", round % 3 == 0), "newcomer");
            newcomer.start();
            Waits.until(() -> lock.hasQueuedThread(newcomer), "newcomer queued");
            lock.unlock();
            Waits.join(queued);
            Waits.join(newcomer);
            assertThat(order).containsExactly("queued", "newcomer");
        }
    }

    private static void grab(ReentrantLock lock, List<String> order, String name, boolean timed) {
        try {
            if (timed) {
                if (!lock.tryLock(10, TimeUnit.SECONDS)) throw new AssertionError(name + " timed out");
            } else {
                lock.lock();
            }
            order.add(name);
            lock.unlock();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Continuous contention: a thread that releases while others are queued must not get the lock back
     * before one of them, however fast it re-locks.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("locks")
    void releaserDoesNotBargeBackIn(LockVariants.Variant variant) throws Exception {
        ReentrantLock lock = variant.create(true);
        AtomicInteger barges = new AtomicInteger();
        AtomicInteger checked = new AtomicInteger();
        Thread[] last = new Thread[1];
        boolean[] queuedAtRelease = new boolean[1];
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            threads.add(new Thread(() -> {
                while (System.nanoTime() - end < 0) {
                    lock.lock();
                    try {
                        Thread me = Thread.currentThread();
                        if (last[0] == me && queuedAtRelease[0]) barges.incrementAndGet();
                        if (queuedAtRelease[0]) checked.incrementAndGet();
                        last[0] = me;
                        queuedAtRelease[0] = lock.hasQueuedThreads();
                    } finally {
                        lock.unlock();
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) Waits.join(t);
        assertThat(checked.get()).as("hand-overs with a queue").isPositive();
        assertThat(barges.get()).as("re-locks past a queued waiter").isZero();
    }
}
