package dev.lockscope.analyzer.report;

import dev.lockscope.analyzer.report.Report.FlameNode;
import dev.lockscope.analyzer.report.Report.LockRow;
import java.io.PrintWriter;
import java.util.regex.Pattern;

/**
 * Lock acquisition waits as collapsed stacks, the text flame-graph tools read (flamegraph.pl, speedscope, Pyroscope's
 * folded format): one line per waiting stack and lock, {@code root;...;leaf;[lock=CLASS@ADDRESS] NANOS}, the value
 * the stack's wait time in nanoseconds as the report's lock table counts it. The lock is the last frame, so a flame
 * graph splits each stack by the lock it waited for. Condition waits, other parks and pinning are not in it.
 */
public final class CollapsedRenderer {
    /** Frame separators and the space before the value may not appear inside a frame. */
    private static final Pattern UNSAFE = Pattern.compile("[;\\s]+");

    private CollapsedRenderer() {
    }

    public static void render(Report report, PrintWriter out) {
        for (LockRow row : report.locks()) {
            String lock = "[lock=" + safe(row.identity()) + "]";
            WaitingStacks.forEach(row.flame(), s -> {
                if (s.nanos() <= 0) {
                    return;
                }
                StringBuilder b = new StringBuilder();
                for (FlameNode f : s.rootFirst()) {
                    b.append(safe(f.name())).append(';');
                }
                if (s.cut()) {
                    b.append("[deeper-frames-cut];");
                } else if (s.rootFirst().isEmpty()) {
                    b.append("[no-stack-trace];");
                }
                out.append(b).append(lock).append(' ').append(Long.toString(s.nanos())).append('\n');
            });
            long left = row.totalWaitNanos() - row.flame().nanos();
            if (left > 0) {
                // A lock only the agent saw: its waits have no stack; they stand at the lock's site.
                String site = row.agent() != null && row.agent().constructionSite() != null
                        ? row.agent().constructionSite() : row.topSite();
                out.append("[lock-site=").append(safe(site)).append("];").append(lock).append(' ')
                        .append(Long.toString(left)).append('\n');
            }
        }
        out.flush();
    }

    private static String safe(String frame) {
        return UNSAFE.matcher(frame).replaceAll("_");
    }
}
