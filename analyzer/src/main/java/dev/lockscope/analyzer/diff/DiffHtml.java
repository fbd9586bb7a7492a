package dev.lockscope.analyzer.diff;

import dev.lockscope.advisor.Durations;
import dev.lockscope.analyzer.report.Html;
import dev.lockscope.analyzer.report.Report;
import dev.lockscope.analyzer.report.Report.LockRow;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The diff as one self-contained HTML page: what was compared, then per lock site its figures before and after,
 * each number with its unit. Totals depend on how long each run was recorded, so each total has its rate per
 * second of recording beside it.
 */
final class DiffHtml {
    private DiffHtml() {
    }

    static void render(LockDiff d, PrintWriter out) {
        double lb = LockDiff.duration(d.before());
        double la = LockDiff.duration(d.after());
        out.println("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>lockscope diff</title>"
                + "<style>" + Html.resource("report.css") + "</style></head><body>");
        out.println("<h1>lockscope diff</h1>");
        out.println("<p class=\"sub\">Lock waits of two recordings of the same program, site by site.</p>");
        out.println("<dl class=\"compared\">");
        side("before", d.before(), lb, out);
        side("after", d.after(), la, out);
        out.println("<dt>matched by</dt><dd>the site where threads waited (first application frame): lock instances "
                + "and addresses differ from run to run, and a lock swapped for another class keeps its site</dd>");
        if (d.throughput() != null) {
            LockDiff.Throughput t = d.throughput();
            out.printf(Locale.ROOT, "<dt>workload throughput</dt><dd>%,.0f ops/s &rarr; %,.0f ops/s (<b>%.2fx</b>; "
                    + "%s)</dd>%n", t.before(), t.after(), t.ratio(), Html.prose(t.source()));
        }
        out.println("</dl>");
        out.println("<p class=\"small\">Per second: the figure divided by its recording's duration, so runs of "
                + "different lengths compare. Wait time per second is the threads' total wait per second of "
                + "recording (500 ms/s: on average half a thread waiting). Changes are after against before.</p>");
        if (d.rows().isEmpty()) {
            out.println("<p>No lock acquisition waits in either recording.</p>");
        } else {
            table(d, lb, la, out);
        }
        out.println("<h2>Notes</h2><ul>");
        d.notes().forEach(x -> out.println("<li>" + Html.prose(x) + "</li>"));
        out.println("</ul></body></html>");
        out.flush();
    }

    private static void side(String name, Report r, double durationNanos, PrintWriter out) {
        StringBuilder files = new StringBuilder();
        for (Report.RecordingInfo i : r.recordings()) {
            files.append(files.length() == 0 ? "" : ", ").append("<code>").append(Html.breakable(i.file()))
                    .append("</code>");
        }
        String jvm = r.recordings().isEmpty() ? "" : ", " + Html.esc(r.recordings().get(0).jvm());
        out.printf("<dt>%s</dt><dd>%s: %s recorded%s; %d lock %s with waits</dd>%n", name, files,
                Durations.format((long) durationNanos), jvm, r.locks().size(), r.locks().size() == 1 ? "row" : "rows");
    }

    private static void table(LockDiff d, double lb, double la, PrintWriter out) {
        out.println("<table class=\"diff\"><tr><th>#</th><th>site</th><th>lock before &rarr; after</th>"
                + "<th class=\"num\">total wait</th><th class=\"num\">wait time per second</th>"
                + "<th class=\"num\">waits</th><th class=\"num\">waits per second</th>"
                + "<th class=\"num\">p99 wait</th><th class=\"num\">futex calls per wait</th></tr>");
        int n = 0;
        for (LockDiff.Row r : d.rows()) {
            n++;
            long wb = r.before() == null ? 0 : r.before().waitsCount();
            long wa = r.after() == null ? 0 : r.after().waitsCount();
            out.printf("<tr id=\"D%d\"><td>D%d</td><td class=\"name\"><code>%s</code></td><td class=\"name\">%s</td>"
                            + "<td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td>"
                            + "<td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td></tr>%n",
                    n, n, Html.name(r.site()), pair(lock(r.before()), lock(r.after()), ""),
                    pair(Durations.format(r.totalBefore()), Durations.format(r.totalAfter()),
                            change(r.totalBefore(), r.totalAfter())),
                    pair(perSecond(r.totalBefore(), lb, true), perSecond(r.totalAfter(), la, true),
                            lb > 0 && la > 0 ? change(r.totalBefore() / lb, r.totalAfter() / la) : ""),
                    pair(waits(wb), waits(wa), ""),
                    pair(perSecond(wb, lb, false), perSecond(wa, la, false),
                            lb > 0 && la > 0 ? change(wb / lb, wa / la) : ""),
                    pair(r.before() == null ? "no waits" : Durations.format(r.before().p99Nanos()),
                            r.after() == null ? "no waits" : Durations.format(r.after().p99Nanos()), ""),
                    pair(futex(r.before()), futex(r.after()), ""));
        }
        out.println("</table>");
    }

    /** "before → after (change)", each value kept on one line; the cell wraps at the arrow when narrow. */
    private static String pair(String before, String after, String change) {
        return "<span class=\"v\">" + before + "</span> <span class=\"v\">&rarr;&nbsp;" + after + "</span>"
                + (change.isEmpty() ? "" : " <span class=\"v\">" + change + "</span>");
    }

    private static String lock(LockRow r) {
        return r == null ? "<i>no waits</i>" : "<code>" + Html.name(r.shortClass()) + "</code>";
    }

    private static String waits(long n) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? "wait" : "waits");
    }

    /** A total per second of recording: wait time as "12.0 ms/s", counts as "3.50 waits/s". */
    private static String perSecond(double total, double durationNanos, boolean time) {
        if (durationNanos <= 0) {
            return "unknown (no duration)";
        }
        double rate = total / (durationNanos / 1e9);
        return time ? Durations.format(Math.round(rate)) + "/s" : sig(rate) + " waits/s";
    }

    private static String sig(double v) {
        String f = v == 0 ? "%.0f" : v < 10 ? "%.2f" : v < 100 ? "%.1f" : "%,.0f";
        return String.format(Locale.ROOT, f, v);
    }

    private static String change(double before, double after) {
        double c = LockDiff.change(before, after);
        String cls = Double.isNaN(c) || c > 0 ? "up" : c < 0 ? "down" : "same";
        return "<span class=\"" + cls + "\">" + Html.esc(DiffRenderer.pct(c)) + "</span>";
    }

    private static String futex(LockRow r) {
        double f = LockDiff.Row.futexPerWait(r);
        return f < 0 ? "not measured" : String.format(Locale.ROOT, "%.2f calls", f);
    }
}
