package dev.lockscope.analyzer.diff;

import dev.lockscope.analyzer.report.FrameNames;
import dev.lockscope.analyzer.report.Report;
import dev.lockscope.analyzer.report.Report.LockRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lock by lock, what changed between two recordings of the same program. Locks are matched by site (where
 * threads waited, its name cleaned by {@link FrameNames}), not by instance: instances and addresses differ from
 * run to run, and a lock swapped for another class (e.g. by the agent's {@code adapt=}) keeps its site.
 *
 * @param before the report of the first recording(s)
 * @param after  the report of the second
 * @param rows   one per site, the site with most total wait (before or after) first
 * @param notes  what the reader must know (e.g. different recording lengths)
 */
public record LockDiff(Report before, Report after, List<Row> rows, List<String> notes, Throughput throughput) {

    /** The workload's own throughput in both runs (ops/s) and where the figures come from; null when unknown. */
    public record Throughput(double before, double after, String source) {
        public double ratio() {
            return before > 0 ? after / before : Double.NaN;
        }
    }

    /** Durations that differ by more than this make totals incomparable: rates per second are shown instead. */
    static final double SAME_LENGTH_TOLERANCE = 0.10;

    /** One site: its lock before and after (either may be null when the site only waited in one). */
    public record Row(String site, LockRow before, LockRow after) {
        /** Futex calls per contended acquisition from the agent's facts, or -1 when not measured. */
        public static double futexPerWait(LockRow r) {
            return r == null || r.agent() == null ? -1 : r.agent().futexCallsPerWait();
        }

        public long totalBefore() {
            return before == null ? 0 : before.totalWaitNanos();
        }

        public long totalAfter() {
            return after == null ? 0 : after.totalWaitNanos();
        }
    }

    public static LockDiff of(Report before, Report after) {
        return of(before, after, null);
    }

    /** With the workload's throughput, when the caller ran the workload and knows it (demo --compare). */
    public static LockDiff of(Report before, Report after, Throughput throughput) {
        Map<String, LockRow[]> bySite = new LinkedHashMap<>();
        // Cleaned names: a lambda's class is named after an address that changes from run to run.
        for (LockRow r : before.locks()) {
            LockRow[] pair = bySite.computeIfAbsent(FrameNames.clean(r.topSite()), k -> new LockRow[2]);
            pair[0] = merge(pair[0], r);
        }
        for (LockRow r : after.locks()) {
            LockRow[] pair = bySite.computeIfAbsent(FrameNames.clean(r.topSite()), k -> new LockRow[2]);
            pair[1] = merge(pair[1], r);
        }
        List<Row> rows = new ArrayList<>();
        bySite.forEach((site, pair) -> rows.add(new Row(site, pair[0], pair[1])));
        rows.sort((a, b) -> Long.compare(Math.max(b.totalBefore(), b.totalAfter()),
                Math.max(a.totalBefore(), a.totalAfter())));
        List<String> notes = new ArrayList<>();
        double lb = duration(before);
        double la = duration(after);
        if (lb > 0 && la > 0 && Math.abs(la - lb) / Math.max(la, lb) > SAME_LENGTH_TOLERANCE) {
            notes.add("the recordings differ in length (" + dev.lockscope.advisor.Durations.format((long) lb) + " vs "
                    + dev.lockscope.advisor.Durations.format((long) la) + "): compare the per-second rates");
        }
        samplingNote("before", before, notes);
        samplingNote("after", after, notes);
        notes.add("futex calls per wait are the lockscope agent's (measured by eBPF inside futex-counting windows);"
                + " JDK events alone have none (not measured)");
        if (throughput == null) {
            notes.add("workload throughput is not in the recordings: `lockscope demo --compare` shows it for the demo");
        }
        return new LockDiff(before, after, rows, notes, throughput);
    }

    /** Sampled waits (async-profiler's lock=) count recorded waits only: the diff must say so, with the interval. */
    private static void samplingNote(String side, Report r, List<String> notes) {
        r.locks().stream().filter(LockRow::waitsSampled).map(LockRow::waitsSource).distinct().forEach(source ->
                notes.add(side + ": waits " + source + "; their counts and totals are of the recorded waits, so they"
                        + " compare only with waits sampled at the same interval"));
    }

    /** Several instances at one site (e.g. GC-moved or striped) count together. */
    private static LockRow merge(LockRow existing, LockRow r) {
        if (existing == null) {
            return r;
        }
        LockRow big = existing.totalWaitNanos() >= r.totalWaitNanos() ? existing : r;
        // The larger instance's row with the waits of both; no holder profile, which was each instance's own.
        return big.toBuilder().holders(null)
                .waitsCount(existing.waitsCount() + r.waitsCount())
                .totalWaitNanos(existing.totalWaitNanos() + r.totalWaitNanos())
                .shareOfActiveTime(existing.shareOfActiveTime() + r.shareOfActiveTime())
                .shareOfThreadTime(existing.shareOfThreadTime() + r.shareOfThreadTime())
                .percentiles(big.p50Nanos(), big.p90Nanos(), Math.max(existing.p99Nanos(), r.p99Nanos()),
                        Math.max(existing.maxNanos(), r.maxNanos()))
                .waitingThreads(Math.max(existing.waitingThreads(), r.waitingThreads()),
                        existing.waitingThreadsCapped() || r.waitingThreadsCapped())
                .waits(same(existing.waitsCounted(), r.waitsCounted()), same(existing.waitsSource(), r.waitsSource()))
                .build();
    }

    /** A definition both rows share, or both when they differ (a count then adds two kinds of tally). */
    private static String same(String a, String b) {
        return a.equals(b) ? a : a + " plus " + b;
    }

    /** The report's recorded time in nanoseconds (sum over its files). */
    public static double duration(Report r) {
        return r.recordings().stream().mapToLong(Report.RecordingInfo::durationNanos).sum();
    }

    /** Relative change from a to b: -0.9 is 90% less; NaN when a is 0. */
    public static double change(double a, double b) {
        return a == 0 ? (b == 0 ? 0 : Double.NaN) : (b - a) / a;
    }
}
