package dev.lockscope.analyzer.report;

import dev.lockscope.advisor.Advice;
import dev.lockscope.advisor.Durations;
import dev.lockscope.analyzer.report.Report.LockRow;
import dev.lockscope.analyzer.report.Report.Named;
import dev.lockscope.analyzer.report.Report.RecordingInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One self-contained HTML file (its styles and script inline, nothing fetched, so it opens offline): a ranked bar
 * chart of locks and a table per section, then per row a card with its wait-time histogram and an interactive
 * flame graph of its waiting stacks. Every row id (L, C, P, V) is an anchor: the card's, or the table row's for
 * rows without a card.
 */
public final class HtmlRenderer {
    /** Rows per section that get a card (histogram and flame graph); the tables list every row. */
    static final int DETAILED_ROWS = 10;
    private static final int CHART_WIDTH = 900;

    private HtmlRenderer() {
    }

    public static void render(Report r, PrintWriter out) {
        FlameGraphHtml flames = new FlameGraphHtml();
        out.println("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        out.println("<title>lockscope report</title><style>" + Html.resource("report.css") + "</style></head><body>");
        out.printf("<h1>lockscope report</h1><p class=\"sub\">%s &middot; active thread-time %s (%s) &middot; live "
                        + "thread-time %s (%s)</p>%n", Html.esc(r.tool()), Durations.format(r.activeTimeNanos()),
                Html.esc(r.activeTimeSource()), Durations.format(r.threadTimeNanos()), Html.esc(r.threadTimeSource()));
        recordings(r.recordings(), out);
        if (!r.notes().isEmpty()) {
            out.println("<div class=\"notes\"><b>Notes</b><ul>");
            r.notes().forEach(n -> out.println("<li>" + Html.prose(n) + "</li>"));
            out.println("</ul></div>");
        }
        contents(r, out);
        out.println("<h2 id=\"locks\">Locks, by total time threads waited to acquire them</h2>");
        if (r.locks().isEmpty()) {
            out.println("<p>No lock acquisition waits were recorded (above the thresholds shown).</p>");
        } else {
            barChart(r.locks(), out);
            rows(r.locks(), flames, out);
        }
        otherSection("conditions", "Condition waits (waiting for a signal, not for a lock)", r.conditions(), flames, out);
        otherSection("other-parks", "Other parks (executor queues, futures, latches; not lock contention)",
                r.otherParks(), flames, out);
        otherSection("pinned", "Virtual-thread pinning", r.pinned(), flames, out);
        flames.finish(out);
        out.println("</body></html>");
        out.flush();
    }

    private static void contents(Report r, PrintWriter out) {
        StringBuilder b = new StringBuilder("<p class=\"small\">Sections: <a href=\"#locks\">locks</a> ("
                + r.locks().size() + ")");
        String[][] others = {{"conditions", "condition waits"}, {"other-parks", "other parks"}, {"pinned", "pinning"}};
        List<List<LockRow>> lists = List.of(r.conditions(), r.otherParks(), r.pinned());
        for (int i = 0; i < others.length; i++) {
            if (!lists.get(i).isEmpty()) {
                b.append(" &middot; <a href=\"#").append(others[i][0]).append("\">").append(others[i][1])
                        .append("</a> (").append(lists.get(i).size()).append(')');
            }
        }
        out.println(b.append("</p>"));
    }

    private static void recordings(List<RecordingInfo> infos, PrintWriter out) {
        out.println("<table><tr><th>recording</th><th>size</th><th>chunks</th><th>duration</th><th>JVM</th>"
                + "<th>waits recorded from</th></tr>");
        for (RecordingInfo i : infos) {
            StringBuilder t = new StringBuilder();
            for (Map.Entry<String, String> e : i.thresholds().entrySet()) {
                t.append(Html.esc(e.getKey().replace("jdk.", ""))).append(' ').append(Html.esc(e.getValue()))
                        .append("<br>");
            }
            out.printf("<tr><td class=\"name\">%s%s</td><td>%s</td><td class=\"num\">%d</td><td>%s</td>"
                            + "<td class=\"small\">%s (pid %d)</td><td class=\"small\">%s</td></tr>%n",
                    Html.breakable(i.file()), i.truncated() ? " <b>(truncated)</b>" : "", TextRenderer.bytes(i.bytes()),
                    i.chunks(), Durations.format(i.durationNanos()), Html.esc(i.jvm()), i.pid(), t);
        }
        out.println("</table>");
    }

    private static void barChart(List<LockRow> rows, PrintWriter out) {
        int n = Math.min(rows.size(), 20);
        long max = Math.max(1, rows.get(0).totalWaitNanos());
        int label = 380;
        int h = 22;
        out.printf("<svg class=\"chart\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
                + "aria-label=\"locks ranked by total wait\">%n", CHART_WIDTH, n * h + 4, CHART_WIDTH, n * h + 4);
        for (int i = 0; i < n; i++) {
            LockRow row = rows.get(i);
            double w = (CHART_WIDTH - label - 120) * (double) row.totalWaitNanos() / max;
            int y = i * h + 2;
            out.printf(Locale.ROOT, "<a href=\"#%s\"><text x=\"0\" y=\"%d\" class=\"lbl\">%s %s</text></a>"
                            + "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" class=\"%s\"><title>%s: %s in %d "
                            + "waits</title></rect><text x=\"%.1f\" y=\"%d\" class=\"val\">%s (%s)</text>%n",
                    Html.esc(row.id()), y + 15, Html.esc(row.id()),
                    Html.esc(TextRenderer.clipLeft(FrameNames.clean(row.shortClass()), 48)), label, y + 3,
                    Math.max(w, 1), h - 6, row.family().equals("monitor") ? "bar mon" : "bar juc",
                    Html.esc(FrameNames.clean(row.identity())), Durations.format(row.totalWaitNanos()),
                    row.waitsCount(), label + w + 6, y + 15, Durations.format(row.totalWaitNanos()),
                    Durations.percent(row.share()));
        }
        out.println("</svg><p class=\"legend\"><span class=\"item\"><span class=\"sw mon\"></span>monitor "
                + "(synchronized)</span> <span class=\"item\"><span class=\"sw juc\"></span>java.util.concurrent "
                + "lock</span></p>");
    }

    /** The table of a section's rows, then a card for each of its first rows. */
    private static void rows(List<LockRow> rows, FlameGraphHtml flames, PrintWriter out) {
        out.println("<table><tr><th>#</th><th>lock</th><th>site</th><th class=\"num\">waits</th>"
                + "<th class=\"num\">total</th><th class=\"num\">share</th><th class=\"num\">p50</th>"
                + "<th class=\"num\">p90</th><th class=\"num\">p99</th><th class=\"num\">max</th>"
                + "<th class=\"num\">threads</th></tr>");
        for (int i = 0; i < rows.size(); i++) {
            LockRow row = rows.get(i);
            boolean card = i < DETAILED_ROWS;
            String id = Html.esc(row.id());
            out.printf("<tr%s><td>%s</td><td class=\"name\">%s</td><td class=\"name\">%s</td><td class=\"num\">%s</td>"
                            + "<td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td>"
                            + "<td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td>"
                            + "<td class=\"num\">%d%s</td></tr>%n",
                    card ? "" : " id=\"" + id + "\"", card ? "<a href=\"#" + id + "\">" + id + "</a>" : id,
                    Html.name(row.identity()), Html.name(row.topSite()), row.waitsCount()
                            + (row.waitsSampled() ? " <span class=\"small\">sampled</span>" : ""),
                    Durations.format(row.totalWaitNanos()), Durations.percent(row.share()),
                    Durations.format(row.p50Nanos()), Durations.format(row.p90Nanos()),
                    Durations.format(row.p99Nanos()), Durations.format(row.maxNanos()), row.waitingThreads(),
                    row.waitingThreadsCapped() ? "+" : "");
        }
        out.println("</table>");
        if (rows.size() > DETAILED_ROWS) {
            out.printf("<p class=\"small\">Cards for the first %d rows; the others are in the table above.</p>%n",
                    DETAILED_ROWS);
        }
        for (int i = 0; i < Math.min(DETAILED_ROWS, rows.size()); i++) {
            card(rows.get(i), flames, out);
        }
    }

    private static void card(LockRow row, FlameGraphHtml flames, PrintWriter out) {
        out.printf("<div class=\"card\" id=\"%s\"><h3>%s &nbsp;%s</h3>%n", Html.esc(row.id()), Html.esc(row.id()),
                Html.name(row.identity()));
        out.printf("<p>%d %s, %s in total (%s of %s thread-time), from events %s <span class=\"small\">(%s)</span></p>%n",
                row.waitsCount(), Html.esc(row.waitsCounted()), Durations.format(row.totalWaitNanos()),
                Durations.percent(row.share()), row.sharesActiveTime() ? "active" : "live",
                Html.esc(String.join(", ", row.sourceEvents())), Html.esc(row.waitsSource()));
        for (String line : new String[] {RowOrigin.waitsLine(row), RowOrigin.addressesLine(row)}) {
            if (line != null) {
                out.println("<p class=\"small\">" + Html.esc(line) + "</p>");
            }
        }
        if (row.agent() != null) {
            out.println("<p><b>Measured by the lockscope agent:</b> " + Html.esc(TextRenderer.agentLine(row.agent()))
                    + "</p>");
        }
        if (row.advice() != null) {
            advice(row.advice(), out);
        }
        if (row.holders() != null) {
            holders(row.holders(), out);
        }
        namedList("Where threads waited", FrameNames.clean(row.sites()), row.totalWaitNanos(), true, out);
        if (!row.blockedBy().isEmpty()) {
            namedList("Blocked by (previous owner)", row.blockedBy(), row.totalWaitNanos(), false, out);
        }
        namedList("Waiting threads", row.waiters(), row.totalWaitNanos(), false, out);
        if (!row.histogram().isEmpty()) {
            out.println("<h4>Wait-time histogram</h4>");
            WaitHistogramSvg.render(row.histogram(), row.totalWaitNanos(), out);
        }
        if (FlameGraphHtml.hasStacks(row.flame().forDisplay())) {
            out.println("<h4>Flame graph of the waiting stacks</h4>");
            out.println("<p class=\"flame-legend\">Root at the bottom, the frame that waited at the top; width = wait "
                    + "time. Hover a frame for its wait time and share; click to zoom in, a dimmed frame below or "
                    + "<i>Reset zoom</i> to zoom out; search highlights frames and adds up their share (a frame "
                    + "inside a matching one is not counted twice), Enter zooms to the next match, Shift+Enter to the "
                    + "previous, Esc clears. <span class=\"item\"><span class=\"sw fl-app\"></span>application</span> "
                    + "<span class=\"item\"><span class=\"sw fl-jdk\"></span>JDK</span> <span class=\"item\"><span "
                    + "class=\"sw fl-lockscope\"></span>lockscope</span> <span class=\"item\"><span "
                    + "class=\"sw fl-match\"></span>search match</span></p>");
            flames.render(row.id(), row.flame().forDisplay(), out);
        }
        out.println("</div>");
    }

    /** What the owners did while others waited, state by state, in the text report's words; then the lock chain. */
    private static void holders(HolderProfile h, PrintWriter out) {
        out.println("<h4>What the owners did while others waited</h4>");
        if (!h.available()) {
            out.println("<p class=\"small\">Unknown: " + Html.prose(h.unavailableReason()) + "</p>");
            return;
        }
        out.println("<ul class=\"holders\">");
        for (String part : TextRenderer.holdersLine(h).split("; ")) {
            out.println("<li>" + Html.prose(part) + "</li>");
        }
        for (String link : TextRenderer.chainLines(h)) {
            out.println("<li><b>" + Html.prose(link) + "</b></li>");
        }
        out.println("</ul>");
    }

    private static void advice(Advice a, PrintWriter out) {
        out.printf("<div class=\"advice\"><b>Advice: %s</b> (%s confidence): %s<br>Expected: %s<ul>%n",
                Html.esc(a.verdict().label()), Html.esc(a.confidence().name().toLowerCase(Locale.ROOT)),
                Html.prose(a.reason()), Html.prose(a.expectedEffect()));
        a.evidence().forEach(e -> out.println("<li>" + Html.prose(e) + "</li>"));
        a.missing().forEach(m -> out.println("<li class=\"small\">missing: " + Html.prose(m) + "</li>"));
        out.println("</ul></div>");
    }

    private static void namedList(String title, List<Named> names, long total, boolean code, PrintWriter out) {
        out.printf("<p><b>%s:</b> ", Html.esc(title));
        for (int i = 0; i < names.size(); i++) {
            Named n = names.get(i);
            out.printf("%s%s %s", i == 0 ? "" : ", ", code ? "<code>" + Html.breakable(n.name()) + "</code>"
                            : Html.esc(n.name()), total > 0 ? Durations.percent((double) n.nanos() / total) : "");
        }
        out.println("</p>");
    }

    private static void otherSection(String anchor, String title, List<LockRow> rows, FlameGraphHtml flames,
                                     PrintWriter out) {
        if (rows.isEmpty()) {
            return;
        }
        out.printf("<h2 id=\"%s\">%s</h2>%n", anchor, Html.esc(title));
        rows(rows, flames, out);
    }
}
