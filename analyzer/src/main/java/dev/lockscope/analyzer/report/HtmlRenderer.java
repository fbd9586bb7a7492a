package dev.lockscope.analyzer.report;

import dev.lockscope.advisor.Durations;
import dev.lockscope.advisor.Advice;
import dev.lockscope.analyzer.report.Report.Bucket;
import dev.lockscope.analyzer.report.Report.FlameNode;
import dev.lockscope.analyzer.report.Report.LockRow;
import dev.lockscope.analyzer.report.Report.Named;
import dev.lockscope.analyzer.report.Report.RecordingInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One self-contained HTML file (no scripts or styles fetched from anywhere, so it opens offline): a ranked bar
 * chart of locks, then per lock its wait-time histogram and a flame graph of the waiting stacks, all inline SVG.
 */
public final class HtmlRenderer {
    /** Locks that get a detail card (histogram and flame graph); the table lists all rows. */
    static final int DETAILED_LOCKS = 10;
    private static final int CHART_WIDTH = 900;
    private static final int FLAME_ROW = 17;

    private HtmlRenderer() {
    }

    public static void render(Report r, PrintWriter out) {
        out.println("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        out.println("<title>lockscope report</title><style>" + CSS + "</style></head><body>");
        out.printf("<h1>lockscope report</h1><p class=\"sub\">%s &middot; active thread-time %s (%s) &middot; live "
                        + "thread-time %s (%s)</p>%n", esc(r.tool()), Durations.format(r.activeTimeNanos()),
                esc(r.activeTimeSource()), Durations.format(r.threadTimeNanos()), esc(r.threadTimeSource()));
        recordings(r.recordings(), out);
        if (!r.notes().isEmpty()) {
            out.println("<div class=\"notes\"><b>Notes</b><ul>");
            r.notes().forEach(n -> out.println("<li>" + esc(n) + "</li>"));
            out.println("</ul></div>");
        }
        out.println("<h2>Locks, by total time threads waited to acquire them</h2>");
        if (r.locks().isEmpty()) {
            out.println("<p>No lock acquisition waits were recorded (above the thresholds shown).</p>");
        } else {
            barChart(r.locks(), out);
            table(r.locks(), out);
            for (int i = 0; i < Math.min(DETAILED_LOCKS, r.locks().size()); i++) {
                detail(r.locks().get(i), out);
            }
        }
        otherSection("Condition waits (waiting for a signal, not for a lock)", r.conditions(), out);
        otherSection("Other parks (executor queues, futures, latches; not lock contention)", r.otherParks(), out);
        otherSection("Virtual-thread pinning", r.pinned(), out);
        out.println("</body></html>");
        out.flush();
    }

    private static void recordings(List<RecordingInfo> infos, PrintWriter out) {
        out.println("<table><tr><th>recording</th><th>size</th><th>chunks</th><th>duration</th><th>JVM</th>"
                + "<th>waits recorded from</th></tr>");
        for (RecordingInfo i : infos) {
            StringBuilder t = new StringBuilder();
            for (Map.Entry<String, String> e : i.thresholds().entrySet()) {
                t.append(esc(e.getKey().replace("jdk.", ""))).append(' ').append(esc(e.getValue())).append("<br>");
            }
            out.printf("<tr><td>%s%s</td><td>%s</td><td>%d</td><td>%s</td><td>%s (pid %d)</td><td class=\"small\">%s</td></tr>%n",
                    esc(i.file()), i.truncated() ? " <b>(truncated)</b>" : "", TextRenderer.bytes(i.bytes()), i.chunks(),
                    Durations.format(i.durationNanos()), esc(i.jvm()), i.pid(), t);
        }
        out.println("</table>");
    }

    private static void barChart(List<LockRow> rows, PrintWriter out) {
        int n = Math.min(rows.size(), 20);
        long max = Math.max(1, rows.get(0).totalWaitNanos());
        int label = 380;
        int h = 22;
        out.printf("<svg class=\"chart\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"ranked locks\">%n",
                CHART_WIDTH, n * h + 4);
        for (int i = 0; i < n; i++) {
            LockRow row = rows.get(i);
            double w = (CHART_WIDTH - label - 120) * (double) row.totalWaitNanos() / max;
            int y = i * h + 2;
            out.printf(Locale.ROOT, "<a href=\"#%s\"><text x=\"0\" y=\"%d\" class=\"lbl\">%s %s</text></a>"
                            + "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" class=\"%s\"><title>%s: %s in %d waits</title></rect>"
                            + "<text x=\"%.1f\" y=\"%d\" class=\"val\">%s (%s)</text>%n",
                    row.id(), y + 15, row.id(), esc(TextRenderer.clipLeft(row.shortClass(), 48)), label, y + 3,
                    Math.max(w, 1), h - 6, row.family().equals("monitor") ? "bar mon" : "bar juc",
                    esc(row.identity()), Durations.format(row.totalWaitNanos()), row.waitsCount(), label + w + 6,
                    y + 15, Durations.format(row.totalWaitNanos()), Durations.percent(row.share()));
        }
        out.println("</svg><p class=\"small\"><span class=\"sw mon\"></span> monitor (synchronized) "
                + "<span class=\"sw juc\"></span> java.util.concurrent lock</p>");
    }

    private static void table(List<LockRow> rows, PrintWriter out) {
        out.println("<table><tr><th>#</th><th>lock</th><th>site</th><th>waits</th><th>total</th><th>share</th>"
                + "<th>p50</th><th>p90</th><th>p99</th><th>max</th><th>threads</th></tr>");
        for (LockRow row : rows) {
            out.printf("<tr><td><a href=\"#%s\">%s</a></td><td class=\"wrap\">%s</td><td class=\"wrap\">%s</td><td>%s</td><td>%s</td><td>%s</td>"
                            + "<td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%d%s</td></tr>%n",
                    row.id(), row.id(), esc(row.identity()), esc(row.topSite()), row.waitsCount()
                            + (row.waitsSampled() ? " <span class=\"small\">sampled</span>" : ""),
                    Durations.format(row.totalWaitNanos()), Durations.percent(row.share()),
                    Durations.format(row.p50Nanos()), Durations.format(row.p90Nanos()), Durations.format(row.p99Nanos()),
                    Durations.format(row.maxNanos()), row.waitingThreads(), row.waitingThreadsCapped() ? "+" : "");
        }
        out.println("</table>");
    }

    private static void detail(LockRow row, PrintWriter out) {
        out.printf("<div class=\"card\" id=\"%s\"><h3>%s &nbsp;%s</h3>%n", row.id(), row.id(), esc(row.identity()));
        out.printf("<p>%d %s, %s in total (%s of %s thread-time), from events %s <span class=\"small\">(%s)</span></p>%n",
                row.waitsCount(), esc(row.waitsCounted()), Durations.format(row.totalWaitNanos()),
                Durations.percent(row.share()), row.sharesActiveTime() ? "active" : "live",
                esc(String.join(", ", row.sourceEvents())), esc(row.waitsSource()));
        for (String line : new String[] {RowOrigin.waitsLine(row), RowOrigin.addressesLine(row)}) {
            if (line != null) {
                out.println("<p class=\"small\">" + esc(line) + "</p>");
            }
        }
        if (row.agent() != null) {
            out.println("<p><b>Measured by the lockscope agent:</b> " + esc(TextRenderer.agentLine(row.agent())) + "</p>");
        }
        if (row.advice() != null) {
            advice(row.advice(), out);
        }
        namedList("Where threads waited", row.sites(), row.totalWaitNanos(), out);
        if (!row.blockedBy().isEmpty()) {
            namedList("Blocked by (previous owner)", row.blockedBy(), row.totalWaitNanos(), out);
        }
        namedList("Waiting threads", row.waiters(), row.totalWaitNanos(), out);
        out.println("<h4>Wait-time histogram</h4>");
        histogram(row.histogram(), out);
        out.println("<h4>Flame graph of the waiting stacks (width = wait time; hover for details)</h4>");
        flame(row.flame().forDisplay(), out);
        out.println("</div>");
    }

    private static void advice(Advice a, PrintWriter out) {
        out.printf("<div class=\"advice\"><b>Advice: %s</b> (%s confidence): %s<br>Expected: %s<ul>%n",
                esc(a.verdict().label()), esc(a.confidence().name().toLowerCase(Locale.ROOT)), esc(a.reason()),
                esc(a.expectedEffect()));
        a.evidence().forEach(e -> out.println("<li>" + esc(e) + "</li>"));
        a.missing().forEach(m -> out.println("<li class=\"small\">missing: " + esc(m) + "</li>"));
        out.println("</ul></div>");
    }

    private static void namedList(String title, List<Named> names, long total, PrintWriter out) {
        out.printf("<p><b>%s:</b> ", esc(title));
        for (int i = 0; i < names.size(); i++) {
            Named n = names.get(i);
            out.printf("%s<code>%s</code> %s", i == 0 ? "" : ", ", esc(n.name()),
                    total > 0 ? Durations.percent((double) n.nanos() / total) : "");
        }
        out.println("</p>");
    }

    private static void histogram(List<Bucket> buckets, PrintWriter out) {
        if (buckets.isEmpty()) {
            return;
        }
        long max = buckets.stream().mapToLong(Bucket::count).max().orElse(1);
        int bw = Math.max(8, Math.min(40, 800 / buckets.size()));
        int height = 120;
        out.printf("<svg class=\"hist\" width=\"%d\" height=\"%d\">%n", buckets.size() * bw + 10, height + 40);
        for (int i = 0; i < buckets.size(); i++) {
            Bucket b = buckets.get(i);
            double h = b.count() == 0 ? 0 : Math.max(1, height * (double) b.count() / max);
            out.printf(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" class=\"hbar\">"
                            + "<title>%s to %s: %d waits</title></rect>%n", i * bw + 2, height - h, bw - 2, h,
                    Durations.format(b.lowNanos()), Durations.format(b.highNanos()), b.count());
            if (i % Math.max(1, 60 / bw) == 0) {
                out.printf("<text x=\"%d\" y=\"%d\" class=\"axis\" transform=\"rotate(40 %d %d)\">%s</text>%n",
                        i * bw + 2, height + 12, i * bw + 2, height + 12, Durations.format(b.lowNanos()));
            }
        }
        out.println("</svg>");
    }

    private static void flame(FlameNode root, PrintWriter out) {
        int depth = depth(root);
        int width = CHART_WIDTH;
        int height = depth * FLAME_ROW;
        out.printf("<svg class=\"flame\" width=\"%d\" height=\"%d\">%n", width, height);
        flameNode(root, 0, width, depth - 1, Math.max(1, root.nanos()), width, out);
        out.println("</svg>");
    }

    private static void flameNode(FlameNode n, double x, double w, int level, long total, int width, PrintWriter out) {
        if (w < 0.5) {
            return;
        }
        int y = level * FLAME_ROW;
        int hue = 20 + Math.abs(n.name().hashCode() % 40);
        out.printf(Locale.ROOT, "<g><title>%s: %s (%s)</title><rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                        + "fill=\"hsl(%d,85%%,60%%)\"/>", esc(n.name()), Durations.format(n.nanos()),
                Durations.percent((double) n.nanos() / total), x, y, w, FLAME_ROW - 1, hue);
        if (w > 40) {
            int chars = (int) (w / 6.5);
            out.printf(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"fl\">%s</text>", x + 3, y + 12,
                    esc(TextRenderer.clip(n.name(), Math.max(4, chars))));
        }
        out.println("</g>");
        double cx = x;
        for (FlameNode c : n.children()) {
            double cw = w * (double) c.nanos() / Math.max(1, n.nanos());
            flameNode(c, cx, cw, level - 1, total, width, out);
            cx += cw;
        }
    }

    private static int depth(FlameNode n) {
        int d = 0;
        for (FlameNode c : n.children()) {
            d = Math.max(d, depth(c));
        }
        return d + 1;
    }

    private static void otherSection(String title, List<LockRow> rows, PrintWriter out) {
        if (rows.isEmpty()) {
            return;
        }
        out.printf("<h2>%s</h2>%n", esc(title));
        table(rows, out);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static final String CSS = "body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}"
            + "h1{margin-bottom:0}.sub{color:#666;margin-top:4px}table{border-collapse:collapse;margin:12px 0}"
            + "td,th{border-bottom:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}"
            + "th{background:#f4f4f4}td{white-space:nowrap}td.wrap{white-space:normal;word-break:break-all;max-width:300px}td.small{white-space:normal}.small{font-size:12px;color:#555}.notes{background:#fff6e0;padding:8px 12px;"
            + "border-left:4px solid #e0a000}.card{border:1px solid #ddd;border-radius:6px;padding:8px 16px;"
            + "margin:18px 0}code{font-size:12px}.lbl{font:12px monospace}.val{font:12px sans-serif;fill:#333}"
            + ".bar.mon,.sw.mon{fill:#d9822b;background:#d9822b}.bar.juc,.sw.juc{fill:#2b7bd9;background:#2b7bd9}"
            + ".sw{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px}.hbar{fill:#5a8fd0}"
            + ".axis{font:10px sans-serif;fill:#555}.fl{font:11px monospace;fill:#111;pointer-events:none}"
            + ".flame rect:hover{stroke:#000;stroke-width:1}.advice{background:#eef6ee;border-left:4px solid #3a3;"
            + "padding:6px 12px;margin:8px 0}";
}
