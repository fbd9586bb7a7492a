package dev.lockscope.agent.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Monitor waits seen going on, from real threads blocked on real monitors of this JVM. */
class BlockedThreadsTest {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** A thread holding {@code monitor} until {@code release} counts down. */
    private static Thread holder(Object monitor, CountDownLatch release) throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            synchronized (monitor) {
                holding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "holder");
        t.setDaemon(true);
        t.start();
        holding.await();
        return t;
    }

    private static ThreadInfo info(Thread t) {
        return THREADS.getThreadInfo(t.getId(), 0);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as(what).isNegative();
            Thread.sleep(1);
        }
    }

    @Test
    void aWaitIsSeenGoingOnUntilItEndsAndTheNextWaitIsANewOne() throws Exception {
        BlockedThreads look = new BlockedThreads();
        assertThat(look.look()).as("no thread of this JVM blocked on a monitor").isFalse();
        assertThat(look.sameWaitGoesOn()).isFalse();

        Object first = new Object();
        Object second = new Object();
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CountDownLatch releaseSecond = new CountDownLatch(1);
        holder(first, releaseFirst);
        holder(second, releaseSecond);
        Thread waiter = new Thread(() -> {
            synchronized (first) {
                first.hashCode();
            }
            synchronized (second) {
                second.hashCode();
            }
        }, "waiter");
        waiter.setDaemon(true);
        waiter.start();
        await(() -> waiter.getState() == Thread.State.BLOCKED, "the waiter blocks on the first monitor");
        long firstCount = info(waiter).getBlockedCount();

        assertThat(look.look()).isTrue();
        Thread.sleep(30);
        assertThat(look.sameWaitGoesOn()).as("still in the wait the look saw").isTrue();

        releaseFirst.countDown();
        await(() -> info(waiter).getBlockedCount() > firstCount && waiter.getState() == Thread.State.BLOCKED,
                "the waiter blocks again, on the second monitor");
        assertThat(look.sameWaitGoesOn()).as("blocked again, but in another wait").isFalse();
        assertThat(look.look()).isTrue();
        assertThat(look.sameWaitGoesOn()).isTrue();

        releaseSecond.countDown();
        waiter.join(5_000);
        assertThat(look.sameWaitGoesOn()).as("the wait ended").isFalse();
        assertThat(look.look()).isFalse();
    }

    @Test
    void withMoreThreadsThanOneLookTakesTheLooksTakeTurns() throws Exception {
        List<Thread> idle = new ArrayList<>();
        CountDownLatch end = new CountDownLatch(1);
        Object monitor = new Object();
        CountDownLatch release = new CountDownLatch(1);
        try {
            for (int i = 0; i < BlockedThreads.MAX_LOOKED + 50; i++) {
                Thread t = new Thread(() -> {
                    try {
                        end.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "idle-" + i);
                t.setDaemon(true);
                t.start();
                idle.add(t);
            }
            holder(monitor, release);
            Thread waiter = new Thread(() -> {
                synchronized (monitor) {
                    monitor.hashCode();
                }
            }, "waiter");
            waiter.setDaemon(true);
            waiter.start();
            await(() -> waiter.getState() == Thread.State.BLOCKED, "the waiter blocks");
            int threads = THREADS.getAllThreadIds().length;
            int looksForAll = (threads + BlockedThreads.MAX_LOOKED - 1) / BlockedThreads.MAX_LOOKED + 1;
            BlockedThreads look = new BlockedThreads();
            boolean seen = false;
            for (int i = 0; i < looksForAll && !seen; i++) {
                seen = look.look();
            }
            assertThat(seen).as("the one blocked thread among %d, within %d looks of %d", threads, looksForAll,
                    BlockedThreads.MAX_LOOKED).isTrue();
        } finally {
            end.countDown();
            release.countDown();
        }
    }
}
