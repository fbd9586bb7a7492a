package dev.lockscope.agent.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lockscope.agent.dispatch.Hooks;
import dev.lockscope.agent.jfr.LockWaitSwitch;
import dev.lockscope.agent.registry.LockRegistry;
import dev.lockscope.agent.registry.ProbeLabels;
import dev.lockscope.events.LockWait;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/**
 * A wait's LockWait event carries its owner's split, from the probe's readings at the wait's start and end: on a CPU,
 * preempted (run-queue ns), and off a CPU by its own doing (the rest); without run-queue readings only the on-CPU
 * share, the other two -1. Driven by hand with a scripted probe whose owner runs a quarter and is preempted half of
 * any interval, on a real lock held by a real thread.
 */
class OwnerCpuSplitHooksTest {
    private static final int OWNER_TID = 4242;
    private static final long T0 = System.nanoTime();

    /** The owner (tid 4242) on a CPU a quarter of the time, preempted half; -1 run-queue ns when {@code noRunQueue}. */
    private static ProbeReads probe(boolean noRunQueue, Thread owner) {
        return new ProbeReads() {
            @Override
            public int currentTid() {
                return Thread.currentThread() == owner ? OWNER_TID : 77;
            }

            @Override
            public long onCpuNanos(int tid, long nowNs) {
                return tid == OWNER_TID ? (nowNs - T0) / 4 : -1;
            }

            @Override
            public long runQueueNanos(int tid, long nowNs) {
                return tid == OWNER_TID && !noRunQueue ? (nowNs - T0) / 2 : -1;
            }

            @Override
            public long futexCalls(int tid) {
                return -1;
            }

            @Override
            public int futexEpoch() {
                return 0;
            }
        };
    }

    @Test
    void theOwnersSplitIsOnTheEventAndAddsUpToTheWait() throws Exception {
        RecordedEvent e = waitWithScriptedOwner(false);
        assertThat(e.getDouble("ownerOnCpuShare")).isCloseTo(0.25, within(0.01));
        assertThat(e.getDouble("ownerPreemptedShare")).isCloseTo(0.5, within(0.01));
        assertThat(e.getDouble("ownerOffCpuVoluntaryShare")).isCloseTo(0.25, within(0.02));
        assertThat(e.getString("ownerOnCpuSource")).isEqualTo("measured: test");
    }

    @Test
    void withoutRunQueueReadingsOnlyTheOnCpuShareIsMeasured() throws Exception {
        RecordedEvent e = waitWithScriptedOwner(true);
        assertThat(e.getDouble("ownerOnCpuShare")).isCloseTo(0.25, within(0.01));
        assertThat(e.getDouble("ownerPreemptedShare")).isEqualTo(-1);
        assertThat(e.getDouble("ownerOffCpuVoluntaryShare")).isEqualTo(-1);
    }

    private static RecordedEvent waitWithScriptedOwner(boolean noRunQueue) throws Exception {
        LockRegistry registry = new LockRegistry(16, 64, 1024, 16);
        registry.probeLabels = new ProbeLabels("measured: test", "not counted", "not measured: unknown owner",
                "not counted");
        SyncAccess access = new SyncAccess();
        LockWaitSwitch waitEvents = new LockWaitSwitch();
        LockHooks hooks = new LockHooks(registry, access, 100, 0, waitEvents);
        ReentrantLock lock = new ReentrantLock();
        Object sync = access.syncOf(lock);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread owner = new Thread(() -> {
            lock.lock();
            try {
                // The owner registers its tid the way a releasing owner does (a hooked slow path).
                hooks.wokeSuccessor(null);
                held.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        }, "app-owner");
        hooks.joinProbe(probe(noRunQueue, owner));
        Path jfr = Files.createTempFile("owner-cpu", ".jfr");
        try (Recording r = new Recording()) {
            r.enable(LockWait.class).withThreshold(java.time.Duration.ZERO);
            r.start();
            waitEvents.refresh(); // this recording wants LockWait events
            owner.start();
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
            long token = hooks.waitBegin(sync, Hooks.MODE_EXCLUSIVE);
            Thread.sleep(40);
            hooks.waitEnd(sync, token, true);
            release.countDown();
            owner.join(10_000);
            r.stop();
            r.dump(jfr);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(jfr);
        Files.deleteIfExists(jfr);
        assertThat(hooks.errors()).isZero();
        return events.stream().filter(ev -> ev.getEventType().getName().equals("dev.lockscope.LockWait"))
                .reduce((a, b) -> { throw new AssertionError("one event expected"); }).orElseThrow();
    }
}
