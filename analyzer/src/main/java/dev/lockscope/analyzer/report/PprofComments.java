package dev.lockscope.analyzer.report;

import dev.lockscope.advisor.Durations;
import dev.lockscope.analyzer.aggregate.StackTrie;
import dev.lockscope.analyzer.report.Report.LockRow;
import dev.lockscope.analyzer.report.Report.RecordingInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The pprof profile's comments: what each value and label is, where it came from, and what was left out. */
final class PprofComments {
    private PprofComments() {
    }

    static List<String> of(Report report, boolean holds, boolean offCpu) {
        List<String> c = new ArrayList<>();
        c.add(report.tool() + ": lock waits of " + report.recordings().size() + " recording(s), one sample per "
                + "waiting stack and lock; stacks are as deep as the recordings kept them (JFR stackdepth, 64 frames "
                + "unless set)");
        long lockWaits = report.locks().stream().mapToLong(LockRow::waitsCount).sum();
        long lockNanos = report.locks().stream().mapToLong(LockRow::totalWaitNanos).sum();
        c.add("contentions/count, delay/nanoseconds: lock acquisition waits (monitor enters, java.util.concurrent "
                + "lock parks) and their summed duration, as the report's lock table counts them (" + lockWaits
                + " waits, " + Durations.format(lockNanos) + " in all): label waits_counted says per lock what was "
                + "counted (e.g. recorded waits above the JDK threshold of 20 ms) and waits_source where the waits "
                + "came from");
        c.add("other_waits/count, other_wait/nanoseconds: condition waits, other parks and virtual-thread pinning "
                + "(label wait_kind), kept apart from delay as in the report: mostly idle time, not contention");
        c.add(holds
                ? "hold_spans/count, hold_span/nanoseconds: the contended hold spans the lockscope agent timed "
                        + "(sampled) and their sum; a span runs from a contended acquisition to the release that woke "
                        + "a waiter, so it may cover several holds (an upper bound); per lock, at the location "
                        + "[lock LOCK at SITE]"
                : "no hold_spans/hold_span: no lock has the lockscope agent's hold spans (JDK events do not time "
                        + "holds)");
        c.add(offCpu
                ? "owner_off_cpu/nanoseconds: wait time during which the lock's owner was off a CPU, over the "
                        + "waits whose owner's CPU time the agent's native probe measured (the weight behind the "
                        + "report's owner on-CPU share, not every wait), measured or sampled as label "
                        + "owner_on_cpu_source says; per lock, at the location [lock LOCK at SITE]"
                : "no owner_off_cpu: no lock has the owner's on-CPU share (the lockscope agent with its native probe "
                        + "measures it)");
        long cutWaits = 0;
        long cutNanos = 0;
        for (LockRow r : rows(report).toList()) {
            long[] cut = cut(r.flame());
            cutWaits += cut[0];
            cutNanos += cut[1];
        }
        c.add("location " + PprofRenderer.NO_STACK + ": waits recorded without a stack trace; location "
                + PprofRenderer.CUT + ": a lock's waiting stacks are kept up to " + StackTrie.MAX_NODES
                + " distinct frames, and a later stack needing more ends at its last kept frame, its wait still "
                + "counted (here " + cutWaits + " waits, " + Durations.format(cutNanos) + ")");
        c.add("location [lock LOCK at SITE]: per-lock values: waits without a waiting stack (a lock only the agent "
                + "saw: its waits were all under the JDK events' threshold) and the agent's per-lock figures");
        c.addAll(PprofLabels.DEFINITIONS);
        c.add("active thread-time, the denominator of the report's lock shares: "
                + Durations.format(report.activeTimeNanos()) + " (" + report.activeTimeSource() + ")");
        for (RecordingInfo r : report.recordings()) {
            c.add("recording " + r.file() + ": " + r.jvm() + ", pid " + r.pid() + ", "
                    + Durations.format(r.durationNanos()) + " recorded, waits recorded by " + r.recorder()
                    + (r.lockSamplingIntervalNanos() > 0
                    ? " (sampled: one wait per " + Durations.format(r.lockSamplingIntervalNanos()) + " of waiting)"
                    : "") + (r.truncated() ? ", truncated" : ""));
        }
        for (String note : report.notes()) {
            c.add("note: " + note);
        }
        return c;
    }

    private static Stream<LockRow> rows(Report r) {
        return Stream.of(r.locks(), r.conditions(), r.otherParks(), r.pinned()).flatMap(List::stream);
    }

    /** Waits and wait time cut short in a row's tree. */
    private static long[] cut(Report.FlameNode n) {
        long[] sum = {n.cutCount(), n.cutNanos()};
        for (Report.FlameNode c : n.children()) {
            long[] s = cut(c);
            sum[0] += s[0];
            sum[1] += s[1];
        }
        return sum;
    }
}
