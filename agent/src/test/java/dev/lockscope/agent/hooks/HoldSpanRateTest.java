package dev.lockscope.agent.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.agent.dispatch.Hooks;
import dev.lockscope.agent.registry.LockRegistry;
import dev.lockscope.agent.registry.LockStats;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * Hold spans (contended acquisition to the release that wakes a waiter) are timed at most once per lock per
 * {@code holdSpanEvery}: the hooks are driven by hand on a real lock that has a real thread queued on it.
 */
class HoldSpanRateTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void withoutARateEveryContendedHoldIsTimed() throws Exception {
        try (QueuedLock q = new QueuedLock(0)) {
            assertThat(q.handOvers(25)).isEqualTo(25);
        }
    }

    @Test
    void aBusyLockGetsOneSpanPerInterval() throws Exception {
        try (QueuedLock q = new QueuedLock(60 * SECOND)) {
            assertThat(q.handOvers(25)).isEqualTo(1);
        }
    }

    @Test
    void spansResumeOnceTheIntervalHasPassed() throws Exception {
        long every = TimeUnit.MILLISECONDS.toNanos(20);
        try (QueuedLock q = new QueuedLock(every)) {
            assertThat(q.handOvers(10)).isEqualTo(1);
            long until = System.nanoTime() + every + TimeUnit.MILLISECONDS.toNanos(5);
            while (System.nanoTime() - until < 0) {
                Thread.sleep(1);
            }
            assertThat(q.handOvers(10)).as("one more span after the interval").isEqualTo(2);
        }
    }

    /** A lock this thread holds while another thread is queued on it; hand-overs are simulated through the hooks. */
    private static final class QueuedLock implements AutoCloseable {
        final LockRegistry registry = new LockRegistry(16, 64, 1024, 16);
        final LockHooks hooks;
        final ReentrantLock lock = new ReentrantLock();
        final Object sync;
        final Thread queued = new Thread(() -> {
            lock.lock();
            lock.unlock();
        }, "queued-waiter");

        QueuedLock(long holdSpanEveryNanos) throws Exception {
            SyncAccess access = new SyncAccess();
            hooks = new LockHooks(registry, access, 1, holdSpanEveryNanos);
            sync = access.syncOf(lock);
            lock.lock();
            queued.start();
            long deadline = System.nanoTime() + 10 * SECOND;
            while (!lock.hasQueuedThread(queued)) {
                assertThat(System.nanoTime() - deadline).as("waiter queued within 10 s").isNegative();
                Thread.sleep(1);
            }
        }

        /** {@code n} contended acquisitions, each released to the queued thread; returns the lock's timed spans. */
        long handOvers(int n) {
            for (int i = 0; i < n; i++) {
                long token = hooks.waitBegin(sync, Hooks.MODE_EXCLUSIVE);
                assertThat(token).isNotZero();
                hooks.waitEnd(sync, token, true);
                hooks.wokeSuccessor(queued);
            }
            assertThat(hooks.errors()).isZero();
            LockStats s = registry.all().stream().filter(x -> x.lockClass.endsWith("ReentrantLock")).findFirst().orElseThrow();
            assertThat(s.get(LockStats.WAITS)).as("every wait is counted, sampled spans or not").isGreaterThanOrEqualTo(n);
            return s.get(LockStats.HOLDS);
        }

        @Override
        public void close() throws InterruptedException {
            lock.unlock();
            queued.join(10_000);
        }
    }
}
