package dev.lockscope.agent.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.agent.hooks.ProbeReads;
import dev.lockscope.agent.registry.LockRegistry;
import dev.lockscope.agent.registry.LockStats;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The snapshot thread's pace, run for real: it leaves its idle sleep as soon as contention is known, from an
 * arriving event or from a monitor wait seen going on, and no wake-up is lost. Times are stated against the idle
 * interval (1 s): a thread that missed a wake-up sleeps it out, which every check here would see.
 */
class OnCpuSnapshotsPaceTest {
    private static final long MS = 1_000_000L;
    private static final int OWNER = 4242;
    private static final Instant EPOCH = Instant.ofEpochSecond(1_700_000_000L);

    /** A probe on which every thread runs all the time, and which notes when each snapshot was taken. */
    private static final class RunningProbe implements ProbeReads {
        final AtomicLong lastSnapshot = new AtomicLong(Long.MIN_VALUE);
        final AtomicInteger snapshots = new AtomicInteger();
        volatile Thread snapshotThread;

        @Override
        public int currentTid() {
            return OWNER;
        }

        @Override
        public long onCpuNanos(int tid, long nowNs) {
            if (tid == OWNER && lastSnapshot.getAndSet(nowNs) != nowNs) {
                snapshots.incrementAndGet();
                snapshotThread = Thread.currentThread();
            }
            return nowNs;
        }

        @Override
        public long futexCalls(int tid) {
            return -1;
        }

        @Override
        public int futexEpoch() {
            return 0;
        }
    }

    private final RunningProbe probe = new RunningProbe();
    private OnCpuSnapshots snapshots;

    @AfterEach
    void stop() {
        if (snapshots != null) {
            snapshots.stop();
        }
    }

    /** Starts the snapshot thread watching OWNER and returns once it has taken its first snapshot. */
    private OnCpuSnapshots started(MonitorWaitsInProgress waitsInProgress) throws InterruptedException {
        snapshots = new OnCpuSnapshots(probe, waitsInProgress);
        snapshots.learn(OWNER); // before start: the first snapshot already reads it
        snapshots.start();
        await(() -> probe.snapshots.get() >= 1, 3_000, "the first snapshot");
        return snapshots;
    }

    private static void await(BooleanSupplier condition, long timeoutMs, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * MS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + timeoutMs + " ms: " + what);
            }
            Thread.sleep(1);
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /**
     * A burst of six 100 ms monitor waits, 600 ms in all, starting while the thread is in its idle sleep; each wait's
     * event is handed over as it ends (the stream's delay left out). The first wait began before anything was known,
     * so it cannot get a share; the others must. Sleeping out the idle interval, as the thread once did, gives none
     * of them a share: their ends would lie between snapshots a second apart.
     */
    @Test
    void aFirstBurstShorterThanTheIdleIntervalGetsAShare() throws Exception {
        OnCpuSnapshots s = started(MonitorWaitsInProgress.NONE);
        MonitorOwnerShare share = new MonitorOwnerShare(s);
        share.calibrate(EPOCH, 0); // JFR time = EPOCH + nanoTime
        LockStats stats = new LockRegistry(16, 64, 1024, 16).monitor("M", 1);
        int waits = 6;
        long waitMs = 100;
        assertThat(waits * waitMs).as("the burst is shorter than the idle interval").isLessThan(OnCpuSnapshots.IDLE_INTERVAL_MS);
        Thread.sleep(20); // into the idle sleep
        assertThat(s.fast(System.nanoTime())).as("slow before the burst").isFalse();
        long start = System.nanoTime();
        for (int k = 0; k < waits; k++) {
            long t0 = start + k * waitMs * MS;
            long t1 = t0 + waitMs * MS;
            sleepUntil(t1);
            share.submit(stats, EPOCH.plusNanos(t0), t1 - t0, OWNER);
        }
        await(() -> share.measured.get() + share.tooShort.get() + share.notCovered.get() == waits, 5_000, "every wait resolved");
        // Tolerance: a wait's ends must lie between snapshots at most 40 ms apart in all (error bound 10 ms, 0.1 of
        // 100 ms); on a loaded machine a late wake-up can stretch one gap past that, so two of the five may miss.
        assertThat(share.measured.get()).as("waits after the first with a share (tooShort %d, notCovered %d)",
                share.tooShort.get(), share.notCovered.get()).isGreaterThanOrEqualTo(waits - 3);
        double ownerShare = stats.get(LockStats.OWNER_ON_CPU_NS) / (double) stats.get(LockStats.OWNER_MEASURED_NS);
        assertThat(ownerShare).as("the owner ran all along").isGreaterThanOrEqualTo(1 - MonitorOwnerShare.MAX_SHARE_ERROR);
    }

    /**
     * A monitor wait seen going on at an idle wake-up, and still going on MEASURABLE_WAIT_NS later, turns the fast
     * pace on with no event at all; one already over by then (JMH's short waits) does not.
     */
    @Test
    void aWaitSeenGoingOnTurnsTheFastPaceOnBeforeAnyEventArrives() throws Exception {
        AtomicBoolean blocked = new AtomicBoolean();
        AtomicBoolean stillBlocked = new AtomicBoolean();
        AtomicInteger looks = new AtomicInteger();
        AtomicInteger secondLooks = new AtomicInteger();
        OnCpuSnapshots s = started(new MonitorWaitsInProgress() {
            @Override
            public boolean look() {
                looks.incrementAndGet();
                return blocked.get();
            }

            @Override
            public boolean sameWaitGoesOn() {
                secondLooks.incrementAndGet();
                return stillBlocked.get();
            }
        });
        // Short waits only: every idle wake-up sees one, none lasts. Over two idle intervals the thread looks twice
        // and stays slow: a snapshot and a second look per idle interval, no more.
        blocked.set(true);
        int before = probe.snapshots.get();
        Thread.sleep(2 * OnCpuSnapshots.IDLE_INTERVAL_MS + 200);
        assertThat(looks.get()).isBetween(2, 4);
        assertThat(secondLooks.get()).isBetween(2, 4);
        assertThat(probe.snapshots.get() - before).as("snapshots over 2.2 s of short waits").isBetween(2, 4);
        assertThat(s.fast(System.nanoTime())).isFalse();

        // A long wait: fast within one idle interval (plus the second look), with no event handed over.
        stillBlocked.set(true);
        await(() -> s.fast(System.nanoTime()), OnCpuSnapshots.IDLE_INTERVAL_MS + 500, "the fast pace after a long wait was seen");
        long fastSeen = System.nanoTime();
        assertThat(s.fast(fastSeen + (OnCpuSnapshots.SEEN_WAIT_FAST_MS - 100) * MS))
                .as("kept for SEEN_WAIT_FAST_MS, the events' time to arrive").isTrue();
        int fastFrom = probe.snapshots.get();
        Thread.sleep(200);
        // 40 snapshots at 5 ms; at least 10 even on a loaded machine, against at most one at the idle pace.
        assertThat(probe.snapshots.get() - fastFrom).as("snapshots in 200 ms of the fast pace").isGreaterThanOrEqualTo(10);
    }

    /** The same with this JVM's own threads: a real monitor held for a second turns the fast pace on by itself. */
    @Test
    void aRealMonitorWaitTurnsTheFastPaceOnWithNoEvent() throws Exception {
        OnCpuSnapshots s = started(new BlockedThreads());
        Object monitor = new Object();
        CountDownLatch holding = new CountDownLatch(1);
        Thread owner = new Thread(() -> {
            synchronized (monitor) {
                holding.countDown();
                try {
                    Thread.sleep(OnCpuSnapshots.IDLE_INTERVAL_MS + 500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "owner");
        Thread waiter = new Thread(() -> {
            synchronized (monitor) {
                monitor.hashCode();
            }
        }, "waiter");
        owner.start();
        holding.await();
        waiter.start();
        try {
            // The waiter blocks for 1.5 s: the next idle wake-up (within 1 s) sees it, and 25 ms later again.
            await(() -> s.fast(System.nanoTime()), OnCpuSnapshots.IDLE_INTERVAL_MS + 400, "the fast pace while a thread waits");
        } finally {
            owner.interrupt();
            owner.join();
            waiter.join();
        }
    }

    /**
     * Lost wake-ups: every round hands a measurable wait over exactly while the thread has decided to sleep slow but
     * has not parked yet (the test widens that window by a millisecond). The snapshot after it must come at once,
     * not an idle interval later.
     */
    @Test
    void noWakeUpIsLostBetweenTheDecisionToSleepAndThePark() throws Exception {
        Semaphore deciding = new Semaphore(0);
        AtomicBoolean handedOver = new AtomicBoolean();
        AtomicInteger inTheWindow = new AtomicInteger();
        OnCpuSnapshots s = started(MonitorWaitsInProgress.NONE);
        s.beforeIdlePark = () -> {
            deciding.release();
            // Park only once the wait was handed over (or after 2 ms): the wake-up comes before the park. Spun, not
            // waited for: a wait that parks would itself take the permit the wake-up leaves.
            long until = System.nanoTime() + 2 * MS;
            while (System.nanoTime() - until < 0) {
                if (handedOver.compareAndSet(true, false)) {
                    inTheWindow.incrementAndGet();
                    return;
                }
                Thread.onSpinWait();
            }
        };
        int rounds = 100;
        for (int r = 0; r < rounds; r++) {
            assertThat(deciding.tryAcquire(3 * OnCpuSnapshots.IDLE_INTERVAL_MS, TimeUnit.MILLISECONDS))
                    .as("round %d: the thread goes to sleep slow", r).isTrue();
            long handOver = System.nanoTime();
            // 1 ms buys 10 ms of the fast pace, then the thread decides to sleep slow again: the next round.
            s.measurableWait(MS, handOver);
            handedOver.set(true);
            long deadline = handOver + OnCpuSnapshots.IDLE_INTERVAL_MS / 2 * MS;
            while (probe.lastSnapshot.get() - handOver < 0) {
                assertThat(System.nanoTime() - deadline).as("round %d: a snapshot after the wake-up, not an idle interval later", r)
                        .isNegative();
                Thread.sleep(1);
            }
        }
        // Rounds where the test thread was slower than the 2 ms window test the plain wake-up instead.
        assertThat(inTheWindow.get()).as("rounds handed over inside the window").isGreaterThanOrEqualTo(rounds / 2);
    }

    @Test
    void stopEndsTheThreadAtOnceNotAfterItsIdleSleep() throws Exception {
        OnCpuSnapshots s = started(MonitorWaitsInProgress.NONE);
        Thread.sleep(20); // into the idle sleep
        Thread t = probe.snapshotThread;
        assertThat(t.getName()).isEqualTo("lockscope-oncpu-snapshots");
        s.stop();
        t.join(OnCpuSnapshots.IDLE_INTERVAL_MS / 2);
        assertThat(t.isAlive()).isFalse();
    }
}
