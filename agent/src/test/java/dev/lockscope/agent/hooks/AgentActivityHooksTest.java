package dev.lockscope.agent.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.agent.dispatch.Hooks;
import dev.lockscope.agent.registry.LeftOut;
import dev.lockscope.agent.registry.LockRegistry;
import dev.lockscope.agent.registry.LockStats;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * The hooks keep the agent's own activity out of the registry: a wait of an agent thread, and a wait for a lock an
 * agent thread owns, make no entry and no figure, and are counted in {@link LeftOut}; the same wait for a lock an
 * application thread owns is the application's. Driven by hand on real locks held by real threads.
 */
class AgentActivityHooksTest {
    private final LockRegistry registry = new LockRegistry(16, 64, 1024, 16);
    private final SyncAccess access;
    private final LockHooks hooks;

    AgentActivityHooksTest() throws Exception {
        access = new SyncAccess();
        hooks = new LockHooks(registry, access, 1, 0);
    }

    @Test
    void aWaitOfAnAgentThreadIsLeftOutAndCounted() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        Object sync = access.syncOf(lock);
        AtomicLong token = new AtomicLong(-1);
        Thread agent = new Thread(() -> {
            token.set(hooks.waitBegin(sync, Hooks.MODE_EXCLUSIVE));
            hooks.waitEnd(sync, token.get(), true);
            Condition c = lock.newCondition();
            hooks.conditionEnd(c, hooks.conditionBegin(c));
        }, "lockscope-advice");
        agent.start();
        agent.join();
        assertThat(token.get()).as("not tracked").isZero();
        assertThat(registry.all()).isEmpty();
        assertThat(registry.leftOut.ownWaits()).as("the lock wait and the condition wait").isEqualTo(2);
        assertThat(registry.leftOut.agentOwnedWaits()).isZero();
        assertThat(hooks.errors()).isZero();
    }

    @Test
    void aThreadRenamedToTheAgentsPrefixIsTheAgentsFromThen() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        Object sync = access.syncOf(lock);
        Thread t = new Thread(() -> {
            hooks.waitEnd(sync, hooks.waitBegin(sync, Hooks.MODE_EXCLUSIVE), true);
            Thread.currentThread().setName("lockscope-renamed");
            hooks.waitEnd(sync, hooks.waitBegin(sync, Hooks.MODE_EXCLUSIVE), true);
        }, "app-worker");
        t.start();
        t.join();
        assertThat(registry.all()).singleElement().satisfies(s -> assertThat(s.get(LockStats.WAITS)).isEqualTo(1));
        assertThat(registry.leftOut.ownWaits()).isEqualTo(1);
    }

    @Test
    void aWaitForALockAnAgentThreadOwnsIsTheAgentsCost() throws Exception {
        try (Holder holder = new Holder("lockscope-agent")) {
            long token = hooks.waitBegin(holder.sync, Hooks.MODE_EXCLUSIVE);
            assertThat(token).as("timed").isNotZero();
            Thread.sleep(20);
            hooks.waitEnd(holder.sync, token, true);
        }
        assertThat(registry.all()).as("no entry for the lock").isEmpty();
        assertThat(registry.leftOut.agentOwnedWaits()).isEqualTo(1);
        assertThat(registry.leftOut.agentOwnedNanos()).as("the wait's time").isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
        assertThat(registry.leftOut.ownWaits()).isZero();
        assertThat(hooks.errors()).isZero();
    }

    @Test
    void theSameWaitForALockAnApplicationThreadOwnsIsTheApplications() throws Exception {
        try (Holder holder = new Holder("app-exporter")) {
            long token = hooks.waitBegin(holder.sync, Hooks.MODE_EXCLUSIVE);
            hooks.waitEnd(holder.sync, token, true);
        }
        assertThat(registry.all()).singleElement().satisfies(s -> {
            assertThat(s.get(LockStats.WAITS)).isEqualTo(1);
            assertThat(s.topOwnerAndReset()[0]).isEqualTo("app-exporter");
        });
        assertThat(registry.leftOut.agentOwnedWaits()).isZero();
        assertThat(registry.leftOut.ownWaits()).isZero();
    }

    /** A ReentrantLock held by a thread of the given name until closed. */
    private final class Holder implements AutoCloseable {
        final ReentrantLock lock = new ReentrantLock();
        final Object sync = access.syncOf(lock);
        final CountDownLatch held = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final Thread thread;

        Holder(String name) throws InterruptedException {
            thread = new Thread(() -> {
                lock.lock();
                try {
                    held.countDown();
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    lock.unlock();
                }
            }, name);
            thread.start();
            assertThat(held.await(10, TimeUnit.SECONDS)).as("holder holds").isTrue();
        }

        @Override
        public void close() throws InterruptedException {
            release.countDown();
            thread.join(10_000);
        }
    }
}
