package dev.lockscope.agent.monitor;

import dev.lockscope.agent.registry.LockStats;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The owner on-CPU share of {@code synchronized} waits: the JDK's monitor event gives the wait's start, length and
 * previous owner; the on-CPU snapshots give the owner's cumulative on-CPU ns around both ends. A wait gets a share
 * only when the interpolation's worst-case error is at most {@link #MAX_SHARE_ERROR} of the wait; shorter waits
 * and waits whose owner was not watched are counted, never given a made-up figure.
 */
public final class MonitorOwnerShare {
    /** Shares further off than this (worst case) are not worth showing next to the measured j.u.c. shares. */
    public static final double MAX_SHARE_ERROR = 0.10;

    /** The label of the figure: a sampled one, with its resolution. */
    public static final String SOURCE = "sampled: owner's cumulative on-CPU ns from the eBPF sched_switch map ("
            + OnCpuSnapshots.CADENCE + "), interpolated at the wait's start and end (shares off by more than "
            + MAX_SHARE_ERROR + " not given)";

    /** Why a monitor lock has no share over a {@code span} ("period", "window") that had contention. */
    public static String notMeasured(String span) {
        return "no synchronized wait of the " + span + " was long enough for the on-CPU snapshots ("
                + OnCpuSnapshots.CADENCE + "), or its owner was not watched";
    }

    /**
     * The shortest wait the fast snapshots can give a share: each end is interpolated within INTERVAL_MS / 4, so both
     * ends within MAX_SHARE_ERROR of the wait need a wait of INTERVAL_MS / (2 x MAX_SHARE_ERROR), 25 ms.
     */
    static final long MEASURABLE_WAIT_NS = (long) (OnCpuSnapshots.INTERVAL_MS * 1_000_000L / (2 * MAX_SHARE_ERROR));

    private final OnCpuSnapshots snapshots;
    /** JFR event time (epoch ns) minus System.nanoTime, from the latest clock mark; Long.MIN_VALUE before the first. */
    private volatile long clockOffset = Long.MIN_VALUE;
    public final AtomicLong measured = new AtomicLong();
    public final AtomicLong tooShort = new AtomicLong();
    public final AtomicLong notCovered = new AtomicLong();

    public MonitorOwnerShare(OnCpuSnapshots snapshots) {
        this.snapshots = snapshots;
    }

    /** A clock mark read back from JFR: its event time and the nanoTime it carried. */
    void calibrate(Instant eventTime, long nanoTime) {
        clockOffset = epochNanos(eventTime) - nanoTime;
    }

    /** A thread seen in a monitor event (waiter or previous owner): the snapshots watch it first from now on. */
    void learn(long osTid) {
        int tid = (int) osTid;
        snapshots.submit(() -> snapshots.learn(tid));
    }

    /**
     * Hands one monitor wait to the snapshot thread, which records the owner's share into {@code stats} once a
     * snapshot after the wait's end exists, or counts why it could not.
     */
    void submit(LockStats stats, Instant start, long waitNanos, long ownerTid) {
        long offset = clockOffset;
        if (offset == Long.MIN_VALUE || ownerTid <= 0 || waitNanos <= 0) {
            notCovered.incrementAndGet();
            return;
        }
        if (waitNanos >= MEASURABLE_WAIT_NS) {
            // Shorter waits get no share at any cadence: they buy no fast snapshots.
            snapshots.measurableWait(waitNanos, System.nanoTime());
        }
        long t0 = epochNanos(start) - offset;
        if (!snapshots.submit(new Pending(stats, t0, waitNanos, (int) ownerTid))) {
            notCovered.incrementAndGet();
        }
    }

    /** A wait waiting for the snapshot after its end (events can arrive before it is taken). */
    private final class Pending implements Runnable {
        private final LockStats stats;
        private final long t0;
        private final long waitNanos;
        private final int ownerTid;
        private int tries;

        Pending(LockStats stats, long t0, long waitNanos, int ownerTid) {
            this.stats = stats;
            this.t0 = t0;
            this.waitNanos = waitNanos;
            this.ownerTid = ownerTid;
        }

        @Override
        public void run() {
            // Give up after about a second of snapshots: the wait's times do not fit the snapshot clock.
            if (snapshots.newest() < t0 + waitNanos && ++tries < 200 && snapshots.submit(this)) {
                return;
            }
            record(stats, t0, waitNanos, ownerTid);
        }
    }

    /**
     * Records the owner's share of one monitor wait [t0, t0 + waitNanos] (System.nanoTime) into {@code stats}, or
     * counts why it could not (snapshot thread).
     *
     * @return the share, or -1
     */
    double record(LockStats stats, long t0, long waitNanos, int ownerTid) {
        long[] onAndError = snapshots.onCpuDuring(ownerTid, t0, t0 + waitNanos);
        if (onAndError == null) {
            notCovered.incrementAndGet();
            return -1;
        }
        if (onAndError[1] > MAX_SHARE_ERROR * waitNanos) {
            tooShort.incrementAndGet();
            return -1;
        }
        long on = Math.min(waitNanos, onAndError[0]);
        stats.recordOwnerOnCpu(waitNanos, on);
        measured.incrementAndGet();
        return on / (double) waitNanos;
    }

    static long epochNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
