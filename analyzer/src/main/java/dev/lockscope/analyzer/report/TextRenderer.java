package dev.lockscope.analyzer.report;

import dev.lockscope.advisor.Durations;
import dev.lockscope.analyzer.aggregate.AgentLockStats;
import dev.lockscope.advisor.HoldBounds;
import dev.lockscope.analyzer.report.Report.LockRow;
import dev.lockscope.analyzer.report.Report.Named;
import dev.lockscope.analyzer.report.Report.RecordingInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The default report: plain text that fits a 100-column terminal. */
public final class TextRenderer {
    static final int WIDTH = 100;
    /** 96 columns: id, lock, waits, total, share, p50, p90, p99, max, threads. */
    private static final String ROW = "%-3s %-31s %7s %8s %6s %7s %7s %7s %7s %4s%n";
    private static final int LOCK_COLUMN = 31;

    private TextRenderer() {
    }

    public static void render(Report r, PrintWriter out) {
        header(r, out);
        JvmTable.render(r.jvms(), out);
        section(out, "LOCKS: waits to acquire, most total wait first (share: of active thread-time)", r.locks(), true,
                "No lock acquisition waits were recorded (above the thresholds shown).");
        section(out, "CONDITION WAITS: for a signal (Object.wait, await), not a lock (share: of live thread-time)",
                r.conditions(), false, null);
        section(out, "OTHER PARKS: executor queues, futures, latches; not locks (share: of live thread-time)",
                r.otherParks(), false, null);
        section(out, "VIRTUAL-THREAD PINNING (share: of live thread-time)", r.pinned(), false, null);
        if (!r.notes().isEmpty()) {
            out.println();
            out.println("NOTES");
            for (String n : r.notes()) {
                wrap(out, "  - ", n);
            }
        }
        out.flush();
    }

    private static void header(Report r, PrintWriter out) {
        long duration = r.recordings().stream().mapToLong(RecordingInfo::durationNanos).sum();
        out.printf(Locale.ROOT, "%s: %d recording%s, %s recorded%n", r.tool(), r.recordings().size(),
                r.recordings().size() == 1 ? "" : "s", Durations.format(duration));
        wrap(out, "  active thread-time " + Durations.format(r.activeTimeNanos()) + ": ", r.activeTimeSource());
        wrap(out, "  live thread-time " + Durations.format(r.threadTimeNanos()) + ": ", r.threadTimeSource());
        List<RecordingInfo> listed = r.recordings().size() > MAX_RECORDINGS_LISTED
                ? r.recordings().subList(0, RECORDINGS_LISTED_WHEN_MANY) : r.recordings();
        for (RecordingInfo i : listed) {
            wrap(out, "  ", String.format(Locale.ROOT, "%s: %s, %d chunk%s%s, %s, %s, pid %d", shortPath(i.file()),
                    bytes(i.bytes()), i.chunks(), i.chunks() == 1 ? "" : "s", i.truncated() ? " (TRUNCATED)" : "",
                    Durations.format(i.durationNanos()), i.jvm(), i.pid()));
            StringBuilder t = new StringBuilder();
            for (Map.Entry<String, String> e : i.thresholds().entrySet()) {
                t.append(t.length() == 0 ? "" : ", ").append(e.getKey().replace("jdk.", "")).append(' ')
                        .append(e.getValue());
            }
            wrap(out, "    recorded waits from: ", t.toString());
        }
        if (listed.size() < r.recordings().size()) {
            List<RecordingInfo> rest = r.recordings().subList(listed.size(), r.recordings().size());
            long bytes = rest.stream().mapToLong(RecordingInfo::bytes).sum();
            out.println("  ... " + rest.size() + " more recordings, " + bytes(bytes)
                    + " (each one in --format json or html)");
        }
    }

    /** Recordings the header lists one by one; more are listed up to {@link #RECORDINGS_LISTED_WHEN_MANY}. */
    static final int MAX_RECORDINGS_LISTED = 10;
    static final int RECORDINGS_LISTED_WHEN_MANY = 5;

    private static void section(PrintWriter out, String title, List<LockRow> rows, boolean detailed, String ifEmpty) {
        if (rows.isEmpty() && ifEmpty == null) {
            return;
        }
        out.println();
        out.println(title);
        if (rows.isEmpty()) {
            out.println("  " + ifEmpty);
            return;
        }
        out.printf(Locale.ROOT, ROW, "#", "lock", "waits", "total", "share", "p50", "p90", "p99", "max", "thr");
        boolean anyRoot = false;
        for (LockRow row : rows) {
            boolean root = row.holders() != null && row.holders().chainRoot();
            anyRoot |= root;
            out.printf(Locale.ROOT, ROW, row.id() + (root ? "*" : ""), clipLeft(row.shortClass(), LOCK_COLUMN), row.waitsCount(),
                    Durations.format(row.totalWaitNanos()), Durations.percent(row.share()),
                    Durations.format(row.p50Nanos()), Durations.format(row.p90Nanos()),
                    Durations.format(row.p99Nanos()), Durations.format(row.maxNanos()),
                    row.waitingThreads() + (row.waitingThreadsCapped() ? "+" : ""));
            int shown = detailed ? 3 : 1;
            if (row.family().equals("pinned")) {
                wrap(out, "     why: ", row.identity());
            } else if (row.address() != null || row.family().equals("monitor")) {
                out.println("     " + clip((row.family().equals("monitor") ? "monitor " : "instance ")
                        + row.identity(), WIDTH - 5));
            }
            if (RowOrigin.addressesLine(row) != null) {
                wrap(out, "     ", RowOrigin.addressesLine(row));
            }
            if (RowOrigin.waitsLine(row) != null) {
                wrap(out, "     ", RowOrigin.waitsLine(row));
            }
            out.println("     " + clip("site: " + sharesOf(FrameNames.clean(row.sites()), row.totalWaitNanos(), shown),
                    WIDTH - 5));
            if (detailed && !row.blockedBy().isEmpty()) {
                out.println("     " + clip("blocked by (previous owner): "
                        + sharesOf(row.blockedBy(), row.totalWaitNanos(), 3), WIDTH - 5));
            }
            if (detailed && !row.waiters().isEmpty()) { // the agent's summaries name owners, not waiters
                out.println("     " + clip("waiters: " + sharesOf(row.waiters(), row.totalWaitNanos(), 3), WIDTH - 5));
            }
            if (detailed) {
                wrap(out, "     waits counted: ", row.waitsCounted() + " (" + row.waitsSource() + ")");
            }
            if (row.agent() != null) {
                wrap(out, "     agent: ", agentLine(row.agent()));
            }
            if (detailed && row.holders() != null) {
                holders(out, row.holders());
            }
            if (row.advice() != null) {
                wrap(out, "     advice: ", row.advice().verdict().label() + " ("
                        + row.advice().confidence().name().toLowerCase(Locale.ROOT) + " confidence): "
                        + row.advice().reason());
            }
        }
        if (anyRoot) {
            wrap(out, "  ", "* the root of a lock chain: other locks' owners waited for it during at least half "
                    + "their held time, and its own owners waited for no other lock that long");
        }
    }

    /** What the owners did while others waited, then the locks they waited for, and who waited for this one. */
    static void holders(PrintWriter out, HolderProfile h) {
        if (!h.available()) {
            wrap(out, "     owners while others waited: ", "unknown: " + h.unavailableReason());
            return;
        }
        wrap(out, "     owners while others waited: ", holdersLine(h));
        if (!h.topFrames().isEmpty()) {
            wrap(out, "     owners' top frames: ", topFramesLine(h));
        }
        if (!h.acquiredAt().isEmpty()) {
            wrap(out, "     owners took it at: ", acquiredLine(h));
        }
        String cpu = ownerCpuLine(h);
        if (cpu != null) {
            wrap(out, "     owners' CPU (agent): ", cpu);
        }
        for (String link : chainLines(h)) {
            wrap(out, "     ", link);
        }
    }

    /** The owners' first application frames with their share of the time they held the lock while others waited. */
    static String topFramesLine(HolderProfile h) {
        StringBuilder b = new StringBuilder();
        for (Report.Named n : h.topFrames()) {
            b.append(b.length() == 0 ? "" : ", ").append(FrameNames.clean(n.name())).append(' ')
                    .append(Durations.percent((double) n.nanos() / h.ownedNanos()));
        }
        return b.toString();
    }

    /** Where the owners took the lock, each site with its share and how it was found. */
    static String acquiredLine(HolderProfile h) {
        StringBuilder b = new StringBuilder();
        for (HolderProfile.Acquired a : h.acquiredAt()) {
            b.append(b.length() == 0 ? "" : "; ").append(a.site().equals("unknown") ? "unknown"
                    : FrameNames.clean(a.site())).append(' ').append(Durations.percent(a.share())).append(" (");
            if (a.source().equals("missing")) {
                b.append(a.origin().startsWith("no sample or event") ? "no owner sample, event or acquisition recorded"
                        : "not in the owners' stacks");
            } else {
                b.append("estimated: ");
                if (a.acquisitionWaits() > 0) {
                    b.append(a.acquisitionWaits()).append(" by their acquisition");
                }
                if (a.stackWaits() > 0) {
                    b.append(a.acquisitionWaits() > 0 ? ", " : "").append(a.stackWaits()).append(" by their stacks");
                }
            }
            b.append(')');
        }
        return b.toString();
    }

    /**
     * The owners on a CPU, preempted, or off it by their own doing, as the agent measured; null where the owners are
     * not the agent's (monitors: the agent does not measure them per wait).
     */
    static String ownerCpuLine(HolderProfile h) {
        HolderProfile.OwnerCpu c = h.ownerCpu();
        if (!c.available()) {
            return HolderProfiles.AGENT_OWNER.equals(h.ownerFrom()) ? "unknown: " + c.unavailableReason() : null;
        }
        StringBuilder b = new StringBuilder();
        for (HolderProfile.CpuShare s : c.states()) {
            b.append(b.length() == 0 ? "" : ", ").append(s.label()).append(' ').append(Durations.percent(s.share()));
        }
        return b.append(" (").append(c.source()).append(": eBPF, over ").append(c.waits())
                .append(c.waits() == 1 ? " wait, " : " waits, ").append(Durations.format(c.waitNanos())).append(')')
                .toString();
    }

    /** The lock chain through this row, in the words every format uses (links under MIN_CHAIN_SHARE_SHOWN left out). */
    static List<String> chainLines(HolderProfile h) {
        List<String> lines = new java.util.ArrayList<>();
        for (HolderProfile.ChainLink l : h.waitedFor()) {
            if (l.share() >= MIN_CHAIN_SHARE_SHOWN) {
                lines.add("its owners waited for " + l.describe() + " during " + Durations.percent(l.share())
                        + " of the time they held it while others waited");
            }
        }
        for (HolderProfile.ChainLink l : h.waitedForBy()) {
            if (l.share() >= MIN_CHAIN_SHARE_SHOWN) {
                lines.add((h.chainRoot() ? "root of a lock chain: " : "") + l.lockId() + "'s owners waited"
                        + " for this lock during " + Durations.percent(l.share()) + " of " + l.lockId()
                        + "'s held time");
            }
        }
        return lines;
    }

    /** Chain links under this share of the waiting row's time are left out of the text (JSON has them all). */
    static final double MIN_CHAIN_SHARE_SHOWN = 0.05;

    /**
     * "running Java code 62.0% (sampled: 140 samples) in a.b.C.write:42; in file I/O 30.0% (measured: jdk.FileForce, 25 waits)
     * at a.b.C.flush:50; unknown 8.00%; over 25 waits with a known owner, 1.20 s held (owner: previousOwner)".
     */
    static String holdersLine(HolderProfile h) {
        StringBuilder b = new StringBuilder();
        for (HolderProfile.State s : h.states()) {
            b.append(b.length() == 0 ? "" : "; ").append(s.label()).append(' ').append(Durations.percent(s.share()));
            if (s.source().equals("sampled")) {
                b.append(" (sampled: ").append(s.samples()).append(s.samples() == 1 ? " sample)" : " samples)");
            } else if (s.source().equals("measured")) {
                b.append(" (measured: ").append(s.events().isEmpty() ? "" : s.events().get(0).name() + ", ")
                        .append(s.waits()).append(s.waits() == 1 ? " wait)" : " waits)");
            }
            if (!s.frames().isEmpty()) {
                String where = s.state().equals("other-lock") ? " for " + lockOf(h) : (s.source().equals("sampled")
                        ? " in " : s.state().equals("gc-or-safepoint") ? ": " : " at ") + s.frames().get(0).name();
                b.append(where);
            }
        }
        b.append("; over ").append(h.waits()).append(h.waits() == 1 ? " wait" : " waits").append(" with a known owner, ")
                .append(Durations.format(h.ownedNanos())).append(" held (").append(HolderProfiles.shortOwner(h))
                .append(')');
        if (h.waitsWithoutOwner() > 0) {
            b.append("; ").append(h.waitsWithoutOwner()).append(" without one");
        }
        if (h.waitsLeftOut() > 0) {
            b.append("; ").append(h.waitsLeftOut()).append(" left out (memory bound)");
        }
        return b.toString();
    }

    private static String lockOf(HolderProfile h) {
        return h.waitedFor().isEmpty() ? "another lock" : h.waitedFor().get(0).lockId() != null
                ? h.waitedFor().get(0).lockId() : h.waitedFor().get(0).lock();
    }

    /** The agent's figures for a lock, each with its source; hold figures under the names the advice uses. */
    static String agentLine(Report.AgentFacts a) {
        StringBuilder b = new StringBuilder();
        b.append("site ").append(FrameNames.clean(a.constructionSite())).append(" (").append(a.siteKind())
                .append("); ");
        b.append(a.waits().countAndTotal()).append(", ").append(a.waits().percentiles()).append(", max ")
                .append(Durations.format(a.maxWaitNanos())).append(" (").append(a.waits().source()).append("); ");
        if (a.meanHoldSpanNanos() >= 0) {
            b.append(a.holds()).append(" sampled contended hold spans: ");
            if (a.medianHoldSpanNanos() >= 0) {
                b.append(HoldBounds.describe(HoldBounds.MEDIAN_SPAN, a.medianHoldSpanNanos())).append(", ");
            }
            b.append(HoldBounds.describe(HoldBounds.MEAN_SPAN, a.meanHoldSpanNanos()))
                    .append(", longest ").append(Durations.format(a.maxHoldSpanNanos()))
                    .append(" (upper bounds: agent; ").append(HoldBounds.SPAN_MEANING).append("); ");
        }
        if (a.holdFromWaitsNanos() >= 0) {
            b.append(HoldBounds.describe(HoldBounds.FROM_WAITS, a.holdFromWaitsNanos()))
                    .append(" (estimated: twice the agent's median wait); ");
        }
        if (a.readShare() >= 0) {
            b.append("readers ").append(Durations.percent(a.readShare())).append(" of waits; ");
        }
        b.append(a.ownerOnCpuShare() >= 0 ? "owner on CPU " + Durations.percent(a.ownerOnCpuShare())
                + " of waiting time (" + (a.ownerOnCpuSource() != null && a.ownerOnCpuSource().startsWith("sampled")
                ? "sampled: native probe snapshots" : "measured: native probe") + "); "
                : AgentLockStats.isJdkMonitorEvents(a.siteKind(), a.source()) ? "owner CPU state not measured for monitors"
                + " (their waits reach the agent as JDK events, after the fact); "
                : AgentLockStats.virtualOwnerUnmeasured(a.ownerOnCpuSource()) ? "owner CPU state not measured (owners were"
                + " virtual threads not mounted on one carrier throughout a wait); "
                : "owner CPU state unknown (no native probe, or no owner to watch); ");
        if (a.futexCallsPerWait() >= 0) {
            b.append(String.format(Locale.ROOT, "%.2f futex calls per wait (measured: native probe); ",
                    a.futexCallsPerWait()));
        }
        if (!a.owners().isEmpty()) {
            b.append("owner when waits began: ").append(a.owners().get(0).name()).append("; ");
        }
        b.append("matched by ").append(a.joinedBy());
        return b.toString();
    }

    /** Keeps the end of a long name, where nested class names say the most. */
    static String clipLeft(String s, int width) {
        return s.length() <= width ? s : "..." + s.substring(s.length() - width + 3);
    }

    private static String sharesOf(List<Named> names, long total, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(n, names.size()); i++) {
            Named x = names.get(i);
            b.append(i == 0 ? "" : ", ").append(x.name());
            if (names.size() > 1 && total > 0) {
                b.append(" (").append(Math.round(100.0 * x.nanos() / total)).append("%)");
            }
        }
        if (names.size() > n) {
            b.append(", ...");
        }
        return b.toString();
    }

    static String clip(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 3) + "...";
    }

    private static void wrap(PrintWriter out, String prefix, String text) {
        String indent = " ".repeat(prefix.length());
        StringBuilder line = new StringBuilder(prefix);
        for (String word : text.split(" ")) {
            word = clip(word, WIDTH - indent.length() - 1);
            if (line.length() + word.length() + 1 > WIDTH && line.length() > indent.length()) {
                out.println(line.toString().stripTrailing());
                line = new StringBuilder(indent);
            }
            line.append(word).append(' ');
        }
        out.println(line.toString().stripTrailing());
    }

    private static String shortPath(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        if (n < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", n / 1048576.0);
        }
        return String.format(Locale.ROOT, "%.2f GiB", n / 1073741824.0);
    }
}
