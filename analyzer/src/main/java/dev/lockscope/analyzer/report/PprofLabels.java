package dev.lockscope.analyzer.report;

import com.google.perftools.profiles.ProfileProto.Label;
import dev.lockscope.analyzer.report.Report.AgentFacts;
import dev.lockscope.analyzer.report.Report.LockRow;
import dev.lockscope.analyzer.report.Report.RecordingInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The labels every sample of one report row carries: which lock, what kind of wait, who owned it, which JVM, and
 * what its counts count. {@link #DEFINITIONS} says what each label holds; the profile's comments repeat it.
 */
final class PprofLabels {
    static final List<String> DEFINITIONS = List.of(
            "label wait_kind: lock (acquisition), condition (Object.wait, Condition.await), park (other parks: "
                    + "executor queues, futures, latches), pinned (virtual thread pinned to its carrier)",
            "label lock_class, lock: the monitor or park blocker's class, and the instance (class@address as the "
                    + "recording gave it; rows that are not lock instances: the class); report_row: the row's id "
                    + "in the text and JSON report (L1, C1, P1, V1); family: monitor or j.u.c.",
            "label construction_site, construction_site_kind: where the lockscope agent saw the lock made "
                    + "(kind constructed), first contended (first-contended) or the monitor's class (monitor-class); "
                    + "absent without the agent's events",
            "label top_previous_owner: of a monitor, the previous owner (jdk.JavaMonitorEnter previousOwner) with "
                    + "the most wait on this lock; top_owner: the owner when waits began (lockscope agent) with the "
                    + "most waits on this lock; both are per lock, not per stack",
            "label pid (number): the JVM(s) whose recordings had this lock's waits",
            "label waits_counted: what this lock's contentions/other_waits count (e.g. recorded waits above the JDK "
                    + "threshold of 20 ms, or every contended acquisition the agent saw); waits_source: where they "
                    + "came from (measured, or sampled by async-profiler) - the report's waitsCounted and "
                    + "waitsSource");

    private PprofLabels() {
    }

    /** The pprof-style name of a row's kind of wait. */
    static String waitKind(LockRow row) {
        return switch (row.kind()) {
            case "lock" -> "lock";
            case "condition-wait" -> "condition";
            case "other-park" -> "park";
            default -> row.kind();
        };
    }

    static List<Label> of(LockRow row, Report report, PprofTables t) {
        List<Label> l = new ArrayList<>();
        str(l, t, "wait_kind", waitKind(row));
        str(l, t, "lock_class", row.lockClass() == null ? "(no blocker)" : row.lockClass());
        str(l, t, "lock", row.identity());
        str(l, t, "report_row", row.id());
        str(l, t, "family", row.family());
        AgentFacts a = row.agent();
        if (a != null && a.constructionSite() != null) {
            str(l, t, "construction_site", a.constructionSite());
            if (a.siteKind() != null) {
                str(l, t, "construction_site_kind", a.siteKind());
            }
        }
        if (!row.blockedBy().isEmpty()) {
            str(l, t, "top_previous_owner", row.blockedBy().get(0).name());
        }
        if (a != null && !a.owners().isEmpty()) {
            str(l, t, "top_owner", a.owners().get(0).name());
        }
        for (long pid : pids(row, report)) {
            l.add(Label.newBuilder().setKey(t.string("pid")).setNum(pid).build());
        }
        str(l, t, "waits_counted", row.waitsCounted());
        str(l, t, "waits_source", row.waitsSource());
        if (a != null && a.ownerOffCpuNanos() >= 0 && a.ownerOnCpuSource() != null) {
            str(l, t, "owner_on_cpu_source", a.ownerOnCpuSource());
        }
        return l;
    }

    /**
     * The pids of the JVMs whose recordings hold the row's waits (rows name their recordings by file name). A row of
     * the agent's alone names none: in a report of one JVM it is that JVM's.
     */
    static Set<Long> pids(LockRow row, Report report) {
        Set<Long> pids = new TreeSet<>();
        for (RecordingInfo r : report.recordings()) {
            Path name = Path.of(r.file()).getFileName();
            if (r.pid() > 0 && name != null && row.recordings().contains(name.toString())) {
                pids.add(r.pid());
            }
        }
        if (row.recordings().isEmpty()) {
            Set<Long> all = new TreeSet<>();
            report.recordings().stream().filter(r -> r.pid() > 0).forEach(r -> all.add(r.pid()));
            if (all.size() == 1) {
                pids.addAll(all);
            }
        }
        return pids;
    }

    private static void str(List<Label> l, PprofTables t, String key, String value) {
        if (value != null) {
            l.add(Label.newBuilder().setKey(t.string(key)).setStr(t.string(value)).build());
        }
    }
}
