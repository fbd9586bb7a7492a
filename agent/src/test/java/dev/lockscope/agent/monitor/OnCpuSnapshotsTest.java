package dev.lockscope.agent.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lockscope.agent.hooks.ProbeReads;
import dev.lockscope.agent.registry.LockRegistry;
import dev.lockscope.agent.registry.LockStats;
import java.time.Instant;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/** Interpolation between on-CPU snapshots, its error bound, and the waits that get no share. */
class OnCpuSnapshotsTest {
    private static final long MS = 1_000_000L;
    private static final int TID = 4242;

    /** A probe whose thread TID has run {@code onCpu(t)} ns by time t. */
    private static ProbeReads probe(LongUnaryOperator onCpu) {
        return new ProbeReads() {
            @Override
            public int currentTid() {
                return TID;
            }

            @Override
            public long onCpuNanos(int tid, long nowNs) {
                return tid == TID ? onCpu.applyAsLong(nowNs) : -1;
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

    /** Snapshots every 5 ms from t=0 to t=endMs. */
    private static OnCpuSnapshots history(LongUnaryOperator onCpu, long endMs) {
        OnCpuSnapshots s = new OnCpuSnapshots(probe(onCpu));
        for (long t = 0; t <= endMs; t += 5) {
            s.snapshot(List.of(TID), t * MS);
        }
        return s;
    }

    @Test
    void aThreadRunningAllAlongGetsAllOfTheWaitAndOneNeverRunningNone() {
        long[] running = history(t -> t, 500).onCpuDuring(TID, 102 * MS, 152 * MS);
        assertThat(running[0]).isEqualTo(50 * MS);
        assertThat(running[1]).isEqualTo(5 * MS / 4 * 2);
        long[] idle = history(t -> 7 * MS, 500).onCpuDuring(TID, 102 * MS, 152 * MS);
        assertThat(idle[0]).isZero();
    }

    @Test
    void theInterpolationStaysWithinItsStatedErrorBound() {
        // Runs only in the first 2 ms of every 5 ms: the worst shape for a straight line between snapshots.
        LongUnaryOperator bursty = t -> (t / (5 * MS)) * 2 * MS + Math.min(t % (5 * MS), 2 * MS);
        for (long start = 100 * MS; start < 110 * MS; start += MS / 3) {
            long end = start + 37 * MS;
            long[] r = history(bursty, 500).onCpuDuring(TID, start, end);
            long truth = bursty.applyAsLong(end) - bursty.applyAsLong(start);
            assertThat((double) r[0]).as("start %d", start).isCloseTo(truth, within((double) r[1]));
        }
    }

    @Test
    void waitsOutsideTheHistoryOrOfUnwatchedThreadsGetNothing() {
        OnCpuSnapshots s = history(t -> t, 100);
        assertThat(s.onCpuDuring(TID, 50 * MS, 101 * MS)).as("ends after the last snapshot").isNull();
        assertThat(s.onCpuDuring(TID + 1, 10 * MS, 50 * MS)).as("thread not watched").isNull();
        // The ring holds SLOTS snapshots: the oldest fall out.
        OnCpuSnapshots long_ = history(t -> t, 5 * (OnCpuSnapshots.SLOTS + 100));
        assertThat(long_.onCpuDuring(TID, 10 * MS, 20 * MS)).as("older than the ring").isNull();
        assertThat(long_.onCpuDuring(TID, 600 * MS, 650 * MS)).isNotNull();
    }

    @Test
    void monitorWaitsGetAShareOnlyWhenTheSnapshotsResolveThem() {
        OnCpuSnapshots s = history(t -> t / 2, 1000); // the owner runs half the time
        MonitorOwnerShare share = new MonitorOwnerShare(s);
        LockStats stats = new LockRegistry(16, 64, 1024, 16).monitor("M", 1);
        Instant epoch = Instant.ofEpochSecond(1_700_000_000L);
        share.submit(stats, epoch.plusNanos(100 * MS), 50 * MS, TID);
        assertThat(share.notCovered.get()).as("before the first clock mark").isEqualTo(1);
        // JFR time = epoch + nanoTime.
        share.calibrate(epoch.plusNanos(300 * MS), 300 * MS);
        share.submit(stats, epoch.plusNanos(100 * MS), 50 * MS, TID);
        assertThat(share.measured.get()).as("handed to the snapshot thread").isZero();
        s.runTasks();
        assertThat(share.measured.get()).isEqualTo(1);
        assertThat(stats.get(LockStats.OWNER_MEASURED_NS)).isEqualTo(50 * MS);
        assertThat(stats.get(LockStats.OWNER_ON_CPU_NS)).isBetween(20 * MS, 30 * MS);
        // 10 ms against 5 ms snapshots: the error bound (2.5 ms) is 25% of the wait, over the 10% allowed.
        assertThat(share.record(stats, 200 * MS, 10 * MS, TID)).isEqualTo(-1);
        assertThat(share.tooShort.get()).isEqualTo(1);
        assertThat(share.record(stats, 200 * MS, 50 * MS, TID + 1)).as("owner not watched").isEqualTo(-1);
        assertThat(share.notCovered.get()).isEqualTo(2);
        assertThat(stats.get(LockStats.OWNER_MEASURED_NS)).as("nothing recorded for unresolved waits").isEqualTo(50 * MS);
        assertThat(share.record(stats, 300 * MS, 40 * MS, TID)).isCloseTo(0.5, within(0.1));
    }

    @Test
    void aWaitEndingAfterTheNewestSnapshotWaitsForTheNextOne() {
        OnCpuSnapshots s = history(t -> t, 100);
        MonitorOwnerShare share = new MonitorOwnerShare(s);
        LockStats stats = new LockRegistry(16, 64, 1024, 16).monitor("M", 1);
        Instant epoch = Instant.ofEpochSecond(1_700_000_000L);
        share.calibrate(epoch, 0);
        share.submit(stats, epoch.plusNanos(60 * MS), 60 * MS, TID); // ends at 120 ms, newest snapshot at 100 ms
        s.runTasks();
        assertThat(share.measured.get() + share.notCovered.get()).as("kept for a later snapshot").isZero();
        for (long t = 105; t <= 130; t += 5) {
            s.snapshot(List.of(TID), t * MS);
        }
        s.runTasks();
        assertThat(share.measured.get()).isEqualTo(1);
        assertThat(stats.get(LockStats.OWNER_ON_CPU_NS)).isEqualTo(60 * MS);
    }

    @Test
    void onlyWaitsTheFastSnapshotsCanResolveKeepThemFastAndForTenTimesTheirLength() {
        OnCpuSnapshots s = history(t -> t, 0);
        assertThat(s.fast(System.nanoTime())).as("slow until monitors contend").isFalse();
        MonitorOwnerShare share = new MonitorOwnerShare(s);
        LockStats stats = new LockRegistry(16, 64, 1024, 16).monitor("M", 1);
        Instant epoch = Instant.ofEpochSecond(1_700_000_000L);
        share.calibrate(epoch, 0);
        long real = System.nanoTime();
        share.submit(stats, epoch.plusNanos(real - 50 * MS), 2 * MS, TID);
        assertThat(s.fast(real)).as("a 2 ms wait: too short for any cadence, buys nothing").isFalse();
        share.submit(stats, epoch.plusNanos(real - 50 * MS), 30 * MS, TID);
        long after = System.nanoTime();
        assertThat(s.fast(after)).as("a 30 ms wait: fast now").isTrue();
        assertThat(s.fast(real + 299 * MS)).as("for 10 x 30 ms").isTrue();
        assertThat(s.fast(after + 300 * MS)).as("and no longer").isFalse();

        // Driven by hand: grants add up, capped 10 s ahead.
        s = history(t -> t, 0);
        long now = System.nanoTime();
        s.measurableWait(100 * MS, now);
        s.measurableWait(100 * MS, now);
        assertThat(s.fast(now + 1_999 * MS)).isTrue();
        assertThat(s.fast(now + 2_000 * MS)).isFalse();
        for (int i = 0; i < 50; i++) {
            s.measurableWait(1_000 * MS, now);
        }
        assertThat(s.fast(now + OnCpuSnapshots.MAX_FAST_MS * MS - 1)).isTrue();
        assertThat(s.fast(now + OnCpuSnapshots.MAX_FAST_MS * MS)).as("at most 10 s ahead").isFalse();
    }
}
