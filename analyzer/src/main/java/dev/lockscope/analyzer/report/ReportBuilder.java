package dev.lockscope.analyzer.report;

import dev.lockscope.advisor.Durations;
import dev.lockscope.advisor.Source;
import dev.lockscope.advisor.Waits;
import dev.lockscope.analyzer.aggregate.Aggregator;
import dev.lockscope.analyzer.aggregate.LockStats;
import dev.lockscope.analyzer.aggregate.RecordingFacts;
import dev.lockscope.analyzer.aggregate.StackTrie;
import dev.lockscope.analyzer.aggregate.TopCounts;
import dev.lockscope.analyzer.classify.WaitClassifier;
import dev.lockscope.analyzer.model.WaitKind;
import dev.lockscope.analyzer.report.Report.AgentFacts;
import dev.lockscope.analyzer.report.Report.Bucket;
import dev.lockscope.analyzer.report.Report.FlameNode;
import dev.lockscope.analyzer.report.Report.LockRow;
import dev.lockscope.analyzer.report.Report.Named;
import dev.lockscope.analyzer.report.Report.RecordingInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.HistogramIterationValue;

/** Turns aggregated statistics into the report every format renders. */
public final class ReportBuilder {
    /** Rows per section; the rest is summed in a note so nothing is silently dropped. */
    static final int MAX_ROWS = 50;
    static final List<String> WAIT_EVENT_TYPES = List.of(WaitClassifier.MONITOR_ENTER, WaitClassifier.THREAD_PARK,
            WaitClassifier.MONITOR_WAIT, WaitClassifier.VIRTUAL_THREAD_PINNED);

    private ReportBuilder() {
    }

    public static Report build(Aggregator agg, String toolVersion, List<String> readerNotes) {
        return build(agg, toolVersion, readerNotes, List.of());
    }

    /** A report of the recordings read, which also names the files given that could not be read. */
    public static Report build(Aggregator agg, String toolVersion, List<String> readerNotes,
                               List<Report.SkippedFile> skipped) {
        agg.settle();
        List<String> notes = new ArrayList<>(readerNotes);
        for (Report.SkippedFile f : skipped) {
            notes.add("skipped, as it could not be read: " + f.error());
        }
        RepeatedNotes perFile = new RepeatedNotes();
        List<RecordingInfo> infos = new ArrayList<>();
        long threadTime = 0;
        boolean estimated = false;
        for (RecordingFacts f : agg.recordings()) {
            double mean = f.meanThreads();
            if (mean < 0) {
                estimated = true;
                mean = Math.max(1, f.waitingThreads());
            }
            threadTime += (long) (mean * f.durationNanos());
        }
        for (List<Integer> indices : RecordingParts.of(agg.recordings())) {
            List<RecordingFacts> parts = indices.stream().map(agg.recordings()::get).toList();
            infos.add(info(parts));
            RecordingFacts f = parts.get(0);
            RecordingFacts last = parts.get(parts.size() - 1);
            String file = f.layout().path().getFileName().toString();
            if (last.layout().truncated()) {
                perFile.add("truncated", file, file + " is truncated: reported its complete chunks ("
                        + last.layout().completeBytes() + " of " + last.layout().fileSize()
                        + " bytes); the rest was ignored");
            }
            long clippedWaits = parts.stream().mapToLong(RecordingFacts::clippedWaits).sum();
            if (clippedWaits > 0) {
                perFile.add("waits begun before the recording", file, file + ": " + clippedWaits
                        + " waits began before the recording started; only their part inside it is counted ("
                        + Durations.format(parts.stream().mapToLong(RecordingFacts::clippedNanos).sum())
                        + " before the start left out)");
            }
            for (String type : WAIT_EVENT_TYPES) {
                if ("false".equals(f.setting(type, "enabled")) && !type.equals(WaitClassifier.VIRTUAL_THREAD_PINNED)) {
                    perFile.add(type + " disabled", file, file + ": " + type
                            + " was disabled in this recording, so its waits are missing (record with lockscope.jfc)");
                }
            }
        }
        notes.addAll(perFile.notes());
        notes.addAll(VirtualThreadNotes.of(agg.recordings()));
        String threadTimeSource = estimated
                ? "estimated: distinct waiting threads x recording duration (no jdk.JavaThreadStatistics events)"
                : "sampled: mean live threads (jdk.JavaThreadStatistics) x recording duration";
        if (agg.ownThreadWaits() > 0) {
            notes.add(agg.ownThreadWaits() + " waits of lockscope's own threads (agent, native probe) were left out");
        }
        long[] owned = agg.lockscopeOwnedWaits();
        if (owned[0] > 0) {
            notes.add(owned[0] + " waits of the program for a monitor a lockscope thread held (" + Durations.format(owned[1])
                    + ", the agent's cost) were left out of the locks");
        }
        List<String> adapted = agg.adaptedSites();
        if (!adapted.isEmpty()) {
            // The last status is the fullest: sites are only ever added.
            notes.add("agent option adapt= made new ReentrantLock(...) build dev.lockscope.locks.AdaptiveReentrantLock at: "
                    + adapted.get(adapted.size() - 1).replace(";", ", "));
        }
        if (agg.foldedInstances() > 0) {
            notes.add(agg.foldedInstances() + " waits on lock instances beyond the first " + Aggregator.MAX_LOCKS
                    + " were folded into per-class rows (memory bound)");
        }

        Map<WaitKind, List<LockStats>> byKind = new LinkedHashMap<>();
        for (WaitKind k : WaitKind.values()) {
            byKind.put(k, new ArrayList<>());
        }
        for (LockStats s : agg.locks()) {
            byKind.get(s.key().kind()).add(s);
        }
        notes.addAll(agg.addressMergeNotes());
        WaitSources waits = new WaitSources(agg.recordings());
        long tt = Math.max(1, threadTime);
        AgentJoin join = new AgentJoin(byKind.get(WaitKind.LOCK), agg.agentLocks());
        Denominator active = ActiveTime.of(agg.recordings(), byKind.get(WaitKind.LOCK), join.unmatched(), threadTime,
                threadTimeSource);
        RecordedWaits recorded = new RecordedWaits(agg.recordings(), waits);
        Map<Object, String> rowIds = new java.util.IdentityHashMap<>();
        List<LockRow> locks = LockRows.build(byKind.get(WaitKind.LOCK), active, notes, join, agg, recorded, rowIds);
        Denominator live = new Denominator(tt, threadTimeSource, estimated ? Source.ESTIMATED : Source.SAMPLED);
        List<Report.JvmRow> jvms = JvmRows.build(agg, byKind.get(WaitKind.LOCK), join.unmatched(), rowIds);
        return new Report("lockscope " + toolVersion, infos, threadTime, threadTimeSource, active.nanos(),
                active.source(), locks,
                rows(byKind.get(WaitKind.CONDITION), "C", live, notes, "condition-wait", recorded),
                rows(byKind.get(WaitKind.OTHER_PARK), "P", live, notes, "other-park", recorded),
                rows(byKind.get(WaitKind.PINNED), "V", live, notes, "pinned", recorded),
                notes, jvms, List.copyOf(skipped));
    }

    /** One recording, read in {@code parts} (one, or more for a large one): its settings are its first part's. */
    private static RecordingInfo info(List<RecordingFacts> parts) {
        RecordingFacts f = parts.get(0);
        WaitRecorder recorder = WaitRecorder.of(f);
        Map<String, String> thresholds = recorder.thresholds(f, WAIT_EVENT_TYPES);
        String jvm = f.jvmName() == null ? "unknown JVM" : f.jvmName() + " " + javaVersion(f.jvmVersion());
        int chunks = 0;
        long duration = 0;
        double threadTime = 0;
        boolean threadsKnown = true;
        Map<String, Long> waitEvents = new java.util.TreeMap<>();
        for (RecordingFacts p : parts) {
            chunks += p.layout().chunks();
            duration += p.durationNanos();
            threadsKnown &= p.meanThreads() >= 0;
            threadTime += p.meanThreads() * p.durationNanos();
            p.waitEventsByType().forEach((type, n) -> waitEvents.merge(type, n, Long::sum));
        }
        double meanThreads = parts.size() == 1 ? f.meanThreads()
                : threadsKnown && duration > 0 ? threadTime / duration : -1;
        RecordingFacts last = parts.get(parts.size() - 1);
        return new RecordingInfo(f.layout().path().toString(), f.layout().fileSize(), chunks,
                last.layout().truncated(), f.layout().startNanos(), duration, jvm, f.pid(),
                meanThreads, thresholds, parts.size() == 1 ? f.waitEventsByType() : waitEvents, recorder.name(),
                recorder.sampled() ? recorder.lockIntervalNanos() : -1);
    }

    /** "OpenJDK 64-Bit Server VM (17.0.15+6-Debian) for linux-amd64 JRE ..." says its version in parentheses. */
    static String javaVersion(String jvmVersion) {
        if (jvmVersion == null) {
            return "";
        }
        int open = jvmVersion.indexOf('(');
        int close = jvmVersion.indexOf(')', open + 1);
        return open >= 0 && close > open ? jvmVersion.substring(open + 1, close) : jvmVersion;
    }

    /** Rows of waits other than lock acquisitions (no agent, no advice, no holders). */
    private static List<LockRow> rows(List<LockStats> stats, String prefix, Denominator denominator, List<String> notes,
                                      String kind, RecordedWaits recorded) {
        stats.sort(Comparator.comparingLong(LockStats::totalNanos).reversed()
                .thenComparing(s -> String.valueOf(s.key().lockClass())));
        List<LockRow> rows = new ArrayList<>();
        long droppedWaits = 0;
        long droppedNanos = 0;
        for (int i = 0; i < stats.size(); i++) {
            LockStats s = stats.get(i);
            if (i >= MAX_ROWS) {
                droppedWaits += s.count();
                droppedNanos += s.totalNanos();
                continue;
            }
            rows.add(row(prefix + (i + 1), kind, s, denominator, null, recorded.of(s), recorded.samplingIntervalNanos(s)));
        }
        if (droppedWaits > 0) {
            notes.add((stats.size() - MAX_ROWS) + " more " + kind + " rows not shown: " + droppedWaits
                    + " waits, " + Durations.format(droppedNanos) + " in total");
        }
        return rows;
    }

    /** A row as JDK events (and the agent's facts, for locks) give it; lock rows get their advice later. */
    static LockRow row(String id, String kind, LockStats s, Denominator denominator, AgentFacts agent, Waits waits,
                       long samplingIntervalNanos) {
        boolean lock = kind.equals("lock");
        double share = denominator.share(s.totalNanos());
        return LockRow.builder().id(id).kind(kind).family(s.key().family()).lockClass(s.key().lockClass())
                .address(s.key().address() == 0 ? null : "0x" + Long.toHexString(s.key().address()))
                .addressesSeen(s.addresses()).addressesMergedBy(s.addressesMergedBy())
                .sites(named(s.sites().top(5))).waitsCount(s.count()).totalWaitNanos(s.totalNanos())
                .shareOfActiveTime(lock ? share : Double.NaN).shareOfThreadTime(lock ? Double.NaN : share)
                .percentiles(s.percentileNanos(50), s.percentileNanos(90), s.percentileNanos(99), s.maxNanos())
                .waitingThreads(s.distinctThreads(), s.distinctThreadsCapped())
                .blockedBy(named(s.previousOwners().top(5))).waiters(named(s.threadNames().top(5)))
                .sourceEvents(List.copyOf(s.sources())).recordings(List.copyOf(s.recordings()))
                .histogram(histogram(s)).flame(flame(s.stacks().root())).agent(agent)
                .waits(waits.counted(), waits.source()).waitsSamplingIntervalNanos(samplingIntervalNanos)
                .build();
    }

    private static List<Named> named(List<TopCounts.Entry> entries) {
        List<Named> l = new ArrayList<>(entries.size());
        for (TopCounts.Entry e : entries) {
            l.add(new Named(e.name(), e.count(), e.nanos()));
        }
        return l;
    }

    private static List<Bucket> histogram(LockStats s) {
        List<Bucket> buckets = new ArrayList<>();
        if (s.count() == 0) {
            return buckets;
        }
        long low = 0;
        for (HistogramIterationValue v : s.waits().logarithmicBucketValues(1024, 2.0)) {
            long high = v.getValueIteratedTo() + 1;
            buckets.add(new Bucket(low, high, v.getCountAddedInThisIterationStep(), 0));
            low = high;
        }
        addWaitTimes(s, buckets);
        // Leading empty buckets say nothing: start at the first bucket with a wait.
        int first = 0;
        while (first < buckets.size() - 1 && buckets.get(first).count() == 0) {
            first++;
        }
        return List.copyOf(buckets.subList(first, buckets.size()));
    }

    /** Each bucket's wait time: its recorded values, each at the middle of its histogram step. */
    private static void addWaitTimes(LockStats s, List<Bucket> buckets) {
        long[] nanos = new long[buckets.size()];
        int b = 0;
        for (HistogramIterationValue v : s.waits().recordedValues()) {
            long value = v.getValueIteratedTo();
            while (b < buckets.size() - 1 && value >= buckets.get(b).highNanos()) {
                b++;
            }
            long mid = Math.min(s.waits().medianEquivalentValue(value), s.maxNanos());
            nanos[b] += mid * v.getCountAtValueIteratedTo();
        }
        for (int i = 0; i < buckets.size(); i++) {
            Bucket k = buckets.get(i);
            buckets.set(i, new Bucket(k.lowNanos(), k.highNanos(), k.count(), nanos[i]));
        }
    }


    /** The whole tree: the pprof and collapsed formats export every stack kept; JSON and HTML prune for display. */
    static FlameNode flame(StackTrie.Node n) {
        List<FlameNode> children = new ArrayList<>();
        for (StackTrie.Node c : n.children()) {
            children.add(flame(c));
        }
        return new FlameNode(n.name(), n.frame(), n.count(), n.weightNanos(), n.cutCount(), n.cutNanos(),
                List.copyOf(children));
    }
}
