package dev.lockscope.analyzer.report;

import com.google.perftools.profiles.ProfileProto.Label;
import com.google.perftools.profiles.ProfileProto.Profile;
import com.google.perftools.profiles.ProfileProto.Sample;
import com.google.perftools.profiles.ProfileProto.ValueType;
import dev.lockscope.analyzer.aggregate.StackTrie;
import dev.lockscope.analyzer.report.Report.AgentFacts;
import dev.lockscope.analyzer.report.Report.FlameNode;
import dev.lockscope.analyzer.report.Report.LockRow;
import dev.lockscope.analyzer.report.Report.RecordingInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * The report as a pprof profile ({@code profile.proto}, gzipped), the format continuous-profiling backends read:
 * one sample per waiting stack and lock, valued in Go's mutex-profile types ({@code contentions/count},
 * {@code delay/nanoseconds}) plus lockscope's own where measured, labelled with the lock, the kind of wait, its
 * owners and JVM. The profile's comments say where every value came from.
 */
public final class PprofRenderer {
    /** Stands in for the frames of waits recorded without a stack trace. */
    static final String NO_STACK = "[no stack trace recorded]";
    /** The leaf of a stack the lock's tree was too full to keep whole. */
    static final String CUT = "[deeper frames cut: " + StackTrie.MAX_NODES + "-frame bound per lock]";

    private PprofRenderer() {
    }

    /** Writes the gzipped profile; {@code out} stays open (it may be standard output). */
    public static void write(Report report, OutputStream out) throws IOException {
        GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
        build(report).writeTo(gz);
        gz.finish();
        out.flush();
    }

    /** The columns of every sample, in order; lockscope's own only where some lock has them measured. */
    enum Column {
        CONTENTIONS("contentions", "count"),
        DELAY("delay", "nanoseconds"),
        OTHER_WAITS("other_waits", "count"),
        OTHER_WAIT("other_wait", "nanoseconds"),
        HOLD_SPANS("hold_spans", "count"),
        HOLD_SPAN("hold_span", "nanoseconds"),
        OWNER_OFF_CPU("owner_off_cpu", "nanoseconds");

        final String type;
        final String unit;

        Column(String type, String unit) {
            this.type = type;
            this.unit = unit;
        }
    }

    public static Profile build(Report report) {
        Profile.Builder p = Profile.newBuilder();
        PprofTables t = new PprofTables(p);
        List<LockRow> all = new ArrayList<>(report.locks());
        all.addAll(report.conditions());
        all.addAll(report.otherParks());
        all.addAll(report.pinned());
        boolean holds = all.stream().anyMatch(r -> r.agent() != null && r.agent().holds() > 0);
        boolean offCpu = all.stream().anyMatch(r -> r.agent() != null && r.agent().ownerOffCpuNanos() >= 0);
        List<Column> columns = new ArrayList<>(List.of(Column.CONTENTIONS, Column.DELAY, Column.OTHER_WAITS,
                Column.OTHER_WAIT));
        if (holds) {
            columns.add(Column.HOLD_SPANS);
            columns.add(Column.HOLD_SPAN);
        }
        if (offCpu) {
            columns.add(Column.OWNER_OFF_CPU);
        }
        for (Column c : columns) {
            p.addSampleType(ValueType.newBuilder().setType(t.string(c.type)).setUnit(t.string(c.unit)));
        }
        p.setDefaultSampleType(t.string(Column.DELAY.type));
        p.setPeriodType(ValueType.newBuilder().setType(t.string(Column.CONTENTIONS.type))
                .setUnit(t.string(Column.CONTENTIONS.unit)));
        p.setPeriod(1);
        window(report, p);
        for (String c : PprofComments.of(report, holds, offCpu)) {
            p.addComment(t.string(c));
        }
        for (LockRow row : all) {
            samples(row, report, columns, t, p);
        }
        return p.build();
    }

    private static void window(Report report, Profile.Builder p) {
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (RecordingInfo r : report.recordings()) {
            start = Math.min(start, r.startEpochNanos());
            end = Math.max(end, r.startEpochNanos() + r.durationNanos());
        }
        if (start != Long.MAX_VALUE) {
            p.setTimeNanos(start);
            p.setDurationNanos(Math.max(0, end - start));
        }
    }

    private static void samples(LockRow row, Report report, List<Column> columns, PprofTables t, Profile.Builder p) {
        List<Label> labels = PprofLabels.of(row, report, t);
        boolean lock = "lock".equals(row.kind());
        Column count = lock ? Column.CONTENTIONS : Column.OTHER_WAITS;
        Column nanos = lock ? Column.DELAY : Column.OTHER_WAIT;
        FlameNode tree = row.flame();
        WaitingStacks.forEach(tree, s -> {
            Sample.Builder b = Sample.newBuilder();
            if (s.cut()) {
                b.addLocationId(t.noteLocation(CUT));
            }
            for (int i = s.rootFirst().size() - 1; i >= 0; i--) {
                b.addLocationId(t.location(s.rootFirst().get(i).frame()));
            }
            if (s.rootFirst().isEmpty() && !s.cut()) {
                b.addLocationId(t.noteLocation(NO_STACK));
            }
            long[] v = new long[columns.size()];
            v[columns.indexOf(count)] = s.count();
            v[columns.indexOf(nanos)] = s.nanos();
            add(b, v, labels, p);
        });
        // Waits without stacks (a lock only the agent saw) and the agent's per-lock figures: one sample at the lock.
        long[] v = new long[columns.size()];
        boolean any = false;
        long countLeft = row.waitsCount() - tree.count();
        if (countLeft > 0) {
            v[columns.indexOf(count)] = countLeft;
            v[columns.indexOf(nanos)] = Math.max(0, row.totalWaitNanos() - tree.nanos());
            any = true;
        }
        AgentFacts a = row.agent();
        if (a != null && a.holds() > 0 && columns.contains(Column.HOLD_SPANS)) {
            v[columns.indexOf(Column.HOLD_SPANS)] = a.holds();
            v[columns.indexOf(Column.HOLD_SPAN)] = a.holdSpansTotalNanos();
            any = true;
        }
        if (a != null && a.ownerOffCpuNanos() >= 0 && columns.contains(Column.OWNER_OFF_CPU)) {
            v[columns.indexOf(Column.OWNER_OFF_CPU)] = a.ownerOffCpuNanos();
            any = true;
        }
        if (any) {
            String site = a != null && a.constructionSite() != null ? a.constructionSite() : row.topSite();
            add(Sample.newBuilder().addLocationId(t.noteLocation("[lock " + row.identity() + " at " + site + "]")),
                    v, labels, p);
        }
    }

    private static void add(Sample.Builder b, long[] values, List<Label> labels, Profile.Builder p) {
        for (long x : values) {
            b.addValue(x);
        }
        b.addAllLabel(labels);
        p.addSample(b);
    }
}
