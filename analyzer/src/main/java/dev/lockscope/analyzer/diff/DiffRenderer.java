package dev.lockscope.analyzer.diff;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lockscope.advisor.Durations;
import dev.lockscope.analyzer.report.JsonRenderer;
import dev.lockscope.analyzer.report.Report;
import dev.lockscope.analyzer.report.Report.LockRow;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.ToLongFunction;

/** The diff in text (100 columns), JSON and HTML. */
public final class DiffRenderer {
    private static final int MAX_ROWS = 30;

    private DiffRenderer() {
    }

    public static void text(LockDiff d, PrintWriter out) {
        double lb = LockDiff.duration(d.before());
        double la = LockDiff.duration(d.after());
        out.printf(Locale.ROOT, "lockscope diff: BEFORE %s (%s) vs AFTER %s (%s)%n", files(d.before()),
                Durations.format((long) lb), files(d.after()), Durations.format((long) la));
        if (d.throughput() != null) {
            LockDiff.Throughput t = d.throughput();
            out.printf(Locale.ROOT, "workload throughput %,.0f -> %,.0f ops/s  (%.2fx; %s)%n", t.before(), t.after(), t.ratio(), t.source());
        }
        out.println();
        int n = 0;
        for (LockDiff.Row r : d.rows()) {
            if (n++ == MAX_ROWS) {
                out.println("(" + (d.rows().size() - MAX_ROWS) + " more sites not shown)");
                break;
            }
            out.printf("D%-3d %s%n", n, clip(r.site(), 94));
            out.println("     lock " + clip(cls(r.before()) + " -> " + cls(r.after()), 90));
            out.println("     " + line("total wait", r.before(), r.after(), LockRow::totalWaitNanos, true, lb, la));
            out.println("     " + line("p99 wait  ", r.before(), r.after(), LockRow::p99Nanos, true, 0, 0));
            out.println("     " + line("waits     ", r.before(), r.after(), LockRow::waitsCount, false, lb, la));
            if (LockDiff.Row.futexPerWait(r.before()) >= 0 || LockDiff.Row.futexPerWait(r.after()) >= 0) {
                out.println("     futex/wait " + futex(r.before()) + " -> " + futex(r.after()) + "  (measured: agent, eBPF)");
            }
        }
        if (d.rows().isEmpty()) {
            out.println("No lock acquisition waits in either recording.");
        }
        out.println();
        out.println("NOTES");
        d.notes().forEach(x -> out.println("  - " + x));
        out.flush();
    }

    private static String line(String what, LockRow b, LockRow a, ToLongFunction<LockRow> f, boolean time,
                               double lb, double la) {
        long vb = b == null ? 0 : f.applyAsLong(b);
        long va = a == null ? 0 : f.applyAsLong(a);
        String s = what + " " + fmt(vb, time) + " -> " + fmt(va, time) + "  " + pct(LockDiff.change(vb, va));
        if (lb > 0 && la > 0) {
            double rb = vb / (lb / 1e9);
            double ra = va / (la / 1e9);
            s += String.format(Locale.ROOT, "   per second: %s -> %s", fmt((long) rb, time), fmt((long) ra, time));
        }
        return s;
    }

    private static String futex(LockRow r) {
        double f = LockDiff.Row.futexPerWait(r);
        return f < 0 ? "-" : String.format(Locale.ROOT, "%.2f", f);
    }

    private static String fmt(long v, boolean time) {
        return time ? Durations.format(v) : Long.toString(v);
    }

    static String pct(double c) {
        if (Double.isNaN(c)) {
            return "(new)";
        }
        return String.format(Locale.ROOT, "(%+.1f%%)", c * 100);
    }

    private static String cls(LockRow r) {
        return r == null ? "(no waits)" : r.shortClass();
    }

    private static String files(Report r) {
        StringBuilder b = new StringBuilder();
        for (Report.RecordingInfo i : r.recordings()) {
            String f = i.file();
            b.append(b.length() == 0 ? "" : ",").append(f.substring(f.lastIndexOf('/') + 1));
        }
        return b.toString();
    }

    private static String clip(String s, int w) {
        return s.length() <= w ? s : s.substring(0, w - 3) + "...";
    }

    public static void json(LockDiff d, java.io.Writer w) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("schemaVersion", JsonRenderer.SCHEMA_VERSION);
            g.writeStringField("tool", d.after().tool());
            g.writeNumberField("beforeDurationNanos", (long) LockDiff.duration(d.before()));
            g.writeNumberField("afterDurationNanos", (long) LockDiff.duration(d.after()));
            if (d.throughput() != null) {
                g.writeObjectFieldStart("throughput");
                g.writeNumberField("beforeOpsPerSecond", d.throughput().before());
                g.writeNumberField("afterOpsPerSecond", d.throughput().after());
                g.writeNumberField("ratio", safe(d.throughput().ratio()));
                g.writeStringField("source", d.throughput().source());
                g.writeEndObject();
            }
            g.writeArrayFieldStart("sites");
            for (LockDiff.Row r : d.rows()) {
                g.writeStartObject();
                g.writeStringField("site", r.site());
                side(g, "before", r.before());
                side(g, "after", r.after());
                g.writeNumberField("totalWaitChange", safe(LockDiff.change(r.totalBefore(), r.totalAfter())));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("notes");
            for (String n : d.notes()) {
                g.writeString(n);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static double safe(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    private static void side(JsonGenerator g, String name, LockRow r) throws IOException {
        if (r == null) {
            g.writeNullField(name);
            return;
        }
        g.writeObjectFieldStart(name);
        g.writeStringField("lockClass", r.lockClass());
        g.writeNumberField("waits", r.waitsCount());
        g.writeNumberField("totalWaitNanos", r.totalWaitNanos());
        g.writeNumberField("p99WaitNanos", r.p99Nanos());
        g.writeNumberField("shareOfActiveTime", r.shareOfActiveTime());
        g.writeNumberField("futexCallsPerWait", LockDiff.Row.futexPerWait(r));
        g.writeEndObject();
    }

    public static void html(LockDiff d, PrintWriter out) {
        DiffHtml.render(d, out);
    }
}
