package dev.lockscope.analyzer.report;

import dev.lockscope.analyzer.aggregate.AgentLockStats;
import dev.lockscope.analyzer.aggregate.Aggregator;
import dev.lockscope.analyzer.aggregate.LockStats;
import dev.lockscope.analyzer.aggregate.RecordingFacts;
import dev.lockscope.analyzer.report.Report.JvmRow;
import dev.lockscope.analyzer.report.Report.TopLock;
import dev.lockscope.events.SiteKinds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-JVM section of a report of several JVMs: each JVM's own active thread-time (defined as the report's: its CPU
 * time plus its lock rows' waits) and the lock its threads waited for most, with that lock's share of it. Sorted by
 * that share, highest first: the JVMs whose top lock costs them most come first, whatever their size.
 */
final class JvmRows {
    private JvmRows() {
    }

    /**
     * @param lockStats every lock row (JFR waits), shown or not
     * @param agentOnly locks only the agent saw
     * @param rowIds    the rows shown, by what they were built from
     */
    static List<JvmRow> build(Aggregator agg, List<LockStats> lockStats, List<AgentLockStats> agentOnly,
                              Map<Object, String> rowIds) {
        List<RecordingFacts> recordings = agg.recordings();
        Map<Integer, List<Integer>> filesByJvm = new LinkedHashMap<>();
        for (int i = 0; i < recordings.size(); i++) {
            filesByJvm.computeIfAbsent(agg.jvmOfRecording(i), k -> new ArrayList<>()).add(i);
        }
        if (filesByJvm.size() < 2) {
            return List.of();
        }
        Map<Integer, long[]> waits = new LinkedHashMap<>();
        Map<Integer, Object> top = new LinkedHashMap<>();
        for (LockStats s : lockStats) {
            int jvm = agg.jvmOfRecording(s.key().jvm());
            waits.computeIfAbsent(jvm, k -> new long[1])[0] += s.totalNanos();
            Object t = top.get(jvm);
            if (t == null || waitOf(t) < s.totalNanos()) {
                top.put(jvm, s);
            }
        }
        for (AgentLockStats a : agentOnly) {
            int jvm = agg.jvmOfRecording(a.jvm());
            waits.computeIfAbsent(jvm, k -> new long[1])[0] += a.waitNanos();
            Object t = top.get(jvm);
            if (t == null || waitOf(t) < a.waitNanos()) {
                top.put(jvm, a);
            }
        }
        List<JvmRow> rows = new ArrayList<>();
        filesByJvm.forEach((jvm, files) -> rows.add(row(recordings, files,
                waits.getOrDefault(jvm, new long[1])[0], top.get(jvm), rowIds)));
        Comparator<JvmRow> byShare = Comparator.comparingDouble(JvmRows::topShare).reversed();
        rows.sort(byShare.thenComparing(Comparator.comparingLong(JvmRow::lockWaitNanos).reversed()));
        List<JvmRow> numbered = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JvmRow r = rows.get(i);
            numbered.add(new JvmRow("J" + (i + 1), r.pid(), r.jvm(), r.recordings(), r.startEpochNanos(),
                    r.spanNanos(), r.activeTimeNanos(), r.activeTimeSource(), r.lockWaitNanos(), r.topLock()));
        }
        return numbered;
    }

    private static JvmRow row(List<RecordingFacts> recordings, List<Integer> files, long lockWaits, Object top,
                              Map<Object, String> rowIds) {
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        long cpu = 0;
        long cpuSamples = 0;
        boolean cpuKnown = true;
        long live = 0;
        List<String> names = new ArrayList<>();
        for (int i : files) {
            RecordingFacts f = recordings.get(i);
            String name = f.layout().path().toString();
            if (!names.contains(name)) { // a large recording is read in parts, all of one file
                names.add(name);
            }
            start = Math.min(start, f.layout().startNanos());
            end = Math.max(end, f.layout().endNanos());
            long c = f.cpuNanos();
            if (c < 0) {
                cpuKnown = false;
            } else {
                cpu += c;
                cpuSamples += f.cpuSamples();
            }
            double mean = f.meanThreads() < 0 ? Math.max(1, f.waitingThreads()) : f.meanThreads();
            live += (long) (mean * f.durationNanos());
        }
        long active = cpuKnown ? cpu + lockWaits : live;
        String source = cpuKnown
                ? "sampled: its CPU time (jdk.CPULoad x hardware threads x duration, " + cpuSamples + " samples) + its "
                + "lock rows' waits"
                : "estimated: its live thread-time (a recording has no jdk.CPULoad or jdk.CPUInformation events)";
        RecordingFacts first = recordings.get(files.get(0));
        String jvm = first.jvmName() == null ? "unknown JVM"
                : first.jvmName() + " " + ReportBuilder.javaVersion(first.jvmVersion());
        return new JvmRow("", first.pid(), jvm, List.copyOf(names), start, Math.max(0, end - start), active, source,
                lockWaits, topLock(top, active, rowIds));
    }

    private static TopLock topLock(Object top, long active, Map<Object, String> rowIds) {
        if (top == null) {
            return null;
        }
        String id = rowIds.get(top);
        if (top instanceof LockStats s) {
            String cls = s.key().lockClass();
            String identity = (cls == null ? "(no blocker)" : cls)
                    + (s.key().address() == 0 ? "" : "@0x" + Long.toHexString(s.key().address()));
            List<dev.lockscope.analyzer.aggregate.TopCounts.Entry> sites = s.sites().top(1);
            return new TopLock(id, s.key().family(), cls, identity, sites.isEmpty() ? null : sites.get(0).name(),
                    s.totalNanos(), share(s.totalNanos(), active));
        }
        AgentLockStats a = (AgentLockStats) top;
        boolean monitor = SiteKinds.isMonitor(a.siteKind());
        return new TopLock(id, monitor ? "monitor" : "j.u.c.", a.lockClass(), a.lockClass(), a.site(), a.waitNanos(),
                share(a.waitNanos(), active));
    }

    private static double share(long nanos, long active) {
        return active <= 0 ? Double.NaN : (double) nanos / active;
    }

    private static long waitOf(Object o) {
        return o instanceof LockStats s ? s.totalNanos() : ((AgentLockStats) o).waitNanos();
    }

    private static double topShare(JvmRow r) {
        return r.topLock() == null || Double.isNaN(r.topLock().shareOfJvmActiveTime()) ? -1
                : r.topLock().shareOfJvmActiveTime();
    }
}
