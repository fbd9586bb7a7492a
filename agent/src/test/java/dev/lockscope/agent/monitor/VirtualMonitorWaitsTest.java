package dev.lockscope.agent.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.agent.hooks.LockHooks;
import dev.lockscope.agent.hooks.SyncAccess;
import dev.lockscope.agent.registry.LockRegistry;
import dev.lockscope.agent.registry.LockStats;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rule that tells a virtual thread's failed retry after an unblock (the same monitor enter going on) from a run
 * that took the monitor, left it and blocked again (a new wait), driven by hand through the hooks' calls in the order
 * java.lang.VirtualThread makes them, on a clock and carrier CPU time the test sets. Plain threads stand in for the
 * virtual ones: the rule reads only the state and the snapshot the JVM would give.
 */
class VirtualMonitorWaitsTest {
    static final int BLOCKING = 12;
    static final int PARKING = 3;
    static final long MS = 1_000_000L;

    /** The JVM as the hooks see it, set by the test. */
    static final class FakeJvm implements VirtualMonitorWaits.Jvm {
        long now;
        long cpu;
        boolean cpuReadable = true;
        final Map<Thread, Integer> states = new HashMap<>();
        final Map<Thread, Object> blockedOn = new HashMap<>();
        /** A snapshot of a blocked thread that names no monitor (JDK 25's, for a re-entry after Object.wait). */
        boolean namesNoMonitor;
        StackTraceElement[] stack = {new StackTraceElement("com.example.Service", "handle", "Service.java", 42)};

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public long carrierCpuNanos() {
            return cpuReadable ? cpu : -1;
        }

        @Override
        public int stateOf(Thread vt) {
            return states.getOrDefault(vt, -1);
        }

        @Override
        public ThreadSnapshots.Snapshot snapshot(Thread vt) {
            Object m = blockedOn.get(vt);
            return m == null ? null : new ThreadSnapshots.Snapshot(namesNoMonitor ? null : m, stack);
        }
    }

    final LockRegistry registry = new LockRegistry(16, 64, 1024, 16);
    final FakeJvm jvm = new FakeJvm();
    final VirtualMonitorWaits waits;
    final Object monitor = new Object();
    final Thread waiter = new Thread(() -> { }, "waiter");

    VirtualMonitorWaitsTest() throws Exception {
        waits = new VirtualMonitorWaits(registry, new LockHooks(registry, new SyncAccess(), 1, 0), jvm, BLOCKING, 64);
        jvm.blockedOn.put(waiter, monitor);
    }

    /** afterYield in state BLOCKING: the thread has unmounted, blocked on the monitor. */
    void blocks(long atMs) {
        jvm.now = atMs * MS;
        jvm.states.put(waiter, BLOCKING);
        waits.blocking(waiter);
    }

    /** runContinuation from UNBLOCKED, then the run's unmount in {@code stateAfter}, {@code cpuMicros} of CPU later. */
    void remountsAndRuns(long atMs, long runMs, long cpuMicros, int stateAfter) {
        jvm.now = atMs * MS;
        waits.unblocked(waiter);
        jvm.now += runMs * MS;
        jvm.cpu += cpuMicros * 1000;
        jvm.states.put(waiter, stateAfter);
        waits.unmountedAfterUnblock(waiter);
    }

    LockStats stats() {
        List<LockStats> all = registry.locks.entries();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    @Test
    void failedRetriesAfterAnUnblockContinueTheSameWait() {
        blocks(0);
        // Another thread took the monitor first, twice: each retry runs a few microseconds and unmounts BLOCKING.
        remountsAndRuns(10, 0, 5, BLOCKING);
        blocks(10);
        remountsAndRuns(25, 0, 8, BLOCKING);
        blocks(25);
        // Then it takes the monitor and parks (sleeps) holding it.
        remountsAndRuns(40, 30, 30, PARKING);
        LockStats s = stats();
        assertThat(s.get(LockStats.WAITS)).isEqualTo(1);
        assertThat(s.get(LockStats.WAIT_NS)).as("from the first block to the remount that took it").isEqualTo(40 * MS);
        assertThat(s.get(LockStats.VIRTUAL_WAITS)).isEqualTo(1);
        assertThat(waits.describe()).contains("1 waits so far, 2 failed retries");
    }

    @Test
    void aRunThatTookTheMonitorAndBlockedAgainEndsOneWaitAndStartsAnother() {
        blocks(0);
        // It took the monitor at 10 ms, held it computing for 30 ms, left it and blocked again without unmounting.
        remountsAndRuns(10, 30, 30_000, BLOCKING);
        blocks(40);
        remountsAndRuns(70, 30, 30_000, BLOCKING);
        blocks(100);
        remountsAndRuns(105, 30, 30, PARKING);
        LockStats s = stats();
        assertThat(s.get(LockStats.WAITS)).isEqualTo(3);
        assertThat(s.get(LockStats.WAIT_NS)).isEqualTo((10 + 30 + 5) * MS);
        assertThat(waits.describe()).contains("3 waits so far, 0 failed retries");
    }

    /** At the bound a run is still a retry; one nanosecond of CPU more and it took the monitor. */
    @Test
    void theRetryBoundIsTheCarriersCpuTime() {
        blocks(0);
        jvm.now = 10 * MS;
        waits.unblocked(waiter);
        jvm.now += 50 * MS; // preempted for 50 ms: elapsed time says nothing once CPU time is readable
        jvm.cpu += VirtualMonitorWaits.RETRY_CPU_NANOS;
        waits.unmountedAfterUnblock(waiter);
        blocks(60);
        jvm.now = 70 * MS;
        waits.unblocked(waiter);
        jvm.cpu += VirtualMonitorWaits.RETRY_CPU_NANOS + 1;
        waits.unmountedAfterUnblock(waiter);
        blocks(70);
        remountsAndRuns(80, 1, 1, PARKING);
        assertThat(stats().get(LockStats.WAITS)).isEqualTo(2);
        assertThat(stats().get(LockStats.WAIT_NS)).isEqualTo(70 * MS + 10 * MS);
    }

    /** Where the carrier's CPU time is unreadable, the run's elapsed time decides, with its own bound. */
    @Test
    void withoutCpuTimeTheElapsedTimeDecides() {
        jvm.cpuReadable = false;
        blocks(0);
        jvm.now = 10 * MS;
        waits.unblocked(waiter);
        jvm.now += VirtualMonitorWaits.RETRY_WALL_NANOS;
        jvm.states.put(waiter, BLOCKING);
        waits.unmountedAfterUnblock(waiter);
        blocks(12);
        jvm.now = 20 * MS;
        waits.unblocked(waiter);
        jvm.now += VirtualMonitorWaits.RETRY_WALL_NANOS + 1;
        waits.unmountedAfterUnblock(waiter);
        assertThat(stats().get(LockStats.WAITS)).isEqualTo(1);
        assertThat(stats().get(LockStats.WAIT_NS)).isEqualTo(20 * MS);
    }

    /** A retry that fails on another monitor cannot be: the first one was taken, and the new wait is another. */
    @Test
    void blockingOnAnotherMonitorAfterARunIsANewWait() {
        blocks(0);
        remountsAndRuns(10, 0, 5, BLOCKING);
        Object other = new Object();
        jvm.blockedOn.put(waiter, other);
        blocks(10);
        jvm.blockedOn.put(waiter, monitor);
        long total = 0;
        for (LockStats s : registry.locks.entries()) {
            total += s.get(LockStats.WAITS);
        }
        assertThat(total).isEqualTo(1);
        assertThat(registry.locks.entries()).hasSize(2);
    }

    /**
     * Back from Object.wait the thread takes its monitor again, blocked if it must: the JDK counts that in the wait
     * (jdk.JavaMonitorWait), for platform threads too, so it is no monitor enter here.
     */
    @Test
    void reenteringAfterObjectWaitIsLeftToThatWait() {
        jvm.stack = new StackTraceElement[] {new StackTraceElement("java.lang.Object", "wait0", "Object.java", -2),
            new StackTraceElement("java.lang.Object", "wait", "Object.java", 390),
            new StackTraceElement("com.example.Service", "await", "Service.java", 50)};
        blocks(0);
        remountsAndRuns(10, 0, 5, PARKING);
        jvm.namesNoMonitor = true; // as JDK 25's snapshot does for it
        blocks(20);
        assertThat(registry.locks.entries()).isEmpty();
        assertThat(waits.describe()).contains("0 waits so far", "2 re-entries after Object.wait left to that wait")
                .doesNotContain("named no monitor");
    }

    /** The table is bounded: a wait beyond it is not timed, and counted; a thread that ended is swept out. */
    @Test
    void theTableIsBoundedAndEndedThreadsAreSwept() throws Exception {
        VirtualMonitorWaits small = new VirtualMonitorWaits(registry, new LockHooks(registry, new SyncAccess(), 1, 0), jvm,
                BLOCKING, 16);
        Thread[] threads = new Thread[40];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> { }, "t" + i);
            jvm.blockedOn.put(threads[i], monitor);
            jvm.states.put(threads[i], BLOCKING);
            small.blocking(threads[i]);
        }
        assertThat(small.describe()).containsPattern("not timed: \\d+ \\(16 waits in progress at once already\\)");
        for (Thread t : threads) {
            t.start();
            t.join();
        }
        small.sweep();
        assertThat(stats().get(LockStats.WAITERS)).as("every wait in progress left the table").isZero();
        assertThat(stats().get(LockStats.WAITS)).as("a wait that never ended is not a measured one").isZero();
    }
}
