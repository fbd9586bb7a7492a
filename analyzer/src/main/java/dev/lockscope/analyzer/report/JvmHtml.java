package dev.lockscope.analyzer.report;

import dev.lockscope.advisor.Durations;
import dev.lockscope.analyzer.report.Report.JvmRow;
import dev.lockscope.analyzer.report.Report.TopLock;
import java.io.PrintWriter;
import java.util.List;

/** The HTML report's JVM table (reports of more than one JVM): every JVM, its top lock's share first. */
final class JvmHtml {
    private JvmHtml() {
    }

    static void render(List<JvmRow> jvms, PrintWriter out) {
        if (jvms.isEmpty()) {
            return;
        }
        out.println("<h2 id=\"jvms\">JVMs, by their top lock's share of their own active thread-time</h2>");
        out.println("<p class=\"small\">Active thread-time: the JVM's own CPU time plus its lock rows' waits (as the "
                + "report's, for one JVM). Share: its top lock's waits of it. Row: that lock in the ranking below.</p>");
        out.println("<table><tr><th>#</th><th class=\"num\">pid</th><th>JVM</th><th>recordings</th>"
                + "<th class=\"num\">span</th><th class=\"num\">active</th><th class=\"num\">share</th><th>row</th>"
                + "<th>top lock</th><th>site</th></tr>");
        for (JvmRow j : jvms) {
            TopLock t = j.topLock();
            boolean share = t != null && !Double.isNaN(t.shareOfJvmActiveTime());
            String row = t == null || t.rowId() == null ? "-"
                    : "<a href=\"#" + Html.esc(t.rowId()) + "\">" + Html.esc(t.rowId()) + "</a>";
            out.printf("<tr id=\"%s\"><td>%s</td><td class=\"num\">%s</td><td class=\"small\">%s</td>"
                            + "<td class=\"small\">%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td>"
                            + "<td class=\"num\">%s</td><td>%s</td><td class=\"name\">%s</td><td class=\"name\">%s</td>"
                            + "</tr>%n",
                    Html.esc(j.id()), Html.esc(j.id()), j.pid() < 0 ? "?" : Long.toString(j.pid()), Html.esc(j.jvm()),
                    files(j.recordings()), Durations.format(j.spanNanos()), Durations.format(j.activeTimeNanos()),
                    share ? Durations.percent(t.shareOfJvmActiveTime()) : "-", row,
                    t == null ? "(no lock waits)" : Html.name(t.identity()),
                    t == null || t.site() == null ? "" : Html.name(t.site()));
        }
        out.println("</table>");
    }

    /** The first file, and how many more (all of them on hover). */
    private static String files(List<String> recordings) {
        String first = Html.breakable(recordings.get(0));
        if (recordings.size() == 1) {
            return first;
        }
        return "<span title=\"" + Html.esc(String.join("\n", recordings)) + "\">" + first + " and "
                + (recordings.size() - 1) + " more</span>";
    }
}
