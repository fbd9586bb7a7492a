package dev.lockscope.analyzer.report;

import dev.lockscope.advisor.Durations;
import dev.lockscope.analyzer.report.Report.JvmRow;
import dev.lockscope.analyzer.report.Report.TopLock;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The text report's JVMS section: one line per JVM (a second, its file, where the recording names no process), the
 * JVM whose top lock takes the largest share of its own active thread-time first; cut after {@link #SHOWN} JVMs.
 */
final class JvmTable {
    /** JVMs listed; the rest are counted (every one is in the JSON and HTML reports). */
    static final int SHOWN = 20;
    /** 100 columns: id, pid, Java version, files, span, active thread-time, top lock's share, its row, its class. */
    private static final String LINE = "%-4s %8s %-14s %5s %8s %8s %6s %-4s %s%n";
    private static final int LOCK_COLUMN = 35;

    private JvmTable() {
    }

    static void render(List<JvmRow> jvms, PrintWriter out) {
        if (jvms.isEmpty()) {
            return;
        }
        out.println();
        out.println("JVMS: " + jvms.size() + ", by their top lock's share of their own active thread-time");
        out.printf(Locale.ROOT, LINE, "#", "pid", "Java", "files", "span", "active", "share", "row", "top lock");
        for (int i = 0; i < Math.min(SHOWN, jvms.size()); i++) {
            JvmRow j = jvms.get(i);
            TopLock t = j.topLock();
            boolean share = t != null && !Double.isNaN(t.shareOfJvmActiveTime());
            out.printf(Locale.ROOT, LINE, j.id(), j.pid() < 0 ? "?" : Long.toString(j.pid()),
                    TextRenderer.clipLeft(version(j.jvm()), 14), j.recordings().size(),
                    Durations.format(j.spanNanos()), Durations.format(j.activeTimeNanos()),
                    share ? Durations.percent(t.shareOfJvmActiveTime()) : "-",
                    t == null || t.rowId() == null ? "-" : t.rowId(),
                    t == null ? "(no lock waits)" : TextRenderer.clipLeft(FrameNames.clean(t.shortClass()), LOCK_COLUMN));
            if (j.pid() < 0) {
                out.println("     " + TextRenderer.clip(j.recordings().get(0), TextRenderer.WIDTH - 5));
            }
        }
        if (jvms.size() > SHOWN) {
            out.println("  ... " + (jvms.size() - SHOWN) + " more JVMs (each one in --format json or html)");
        }
        out.println("  active: the JVM's own active thread-time (its CPU time + its lock rows' waits); share: its");
        out.println("  top lock's waits over it; row: that lock's row in LOCKS (- when it is not among them)");
    }

    /** "17.0.15+6" from "OpenJDK 64-Bit Server VM 17.0.15+6-Debian-1deb12u1": the version without its vendor part. */
    static String version(String jvm) {
        String v = jvm.substring(jvm.lastIndexOf(' ') + 1);
        int dash = v.indexOf('-');
        return dash > 0 ? v.substring(0, dash) : v;
    }
}
