package dev.lockscope.advisor;

import dev.lockscope.advisor.LockStatistics.HoldSpans;
import dev.lockscope.advisor.LockStatistics.OwnerPreempted;

/**
 * The advisor's evidence from a lock's raw statistics, for the agent's live advice and the analyzer's reports alike:
 * every figure's source is written here and nowhere else, with the rules that choose between figures (the tighter
 * hold from the median wait) and the gates that say when there is enough to advise on.
 */
public final class EvidenceAssembler {
    /** Why a figure only the agent's hooks give is missing from a recording without it. */
    public static final String NEEDS_AGENT = "not in JDK events; record with the lockscope agent";
    /** Why a figure only the agent's native probe gives is missing from a recording without it. */
    public static final String NEEDS_PROBE = "not in JDK events; record with the lockscope agent and its native probe "
            + "(Linux)";
    static final String MONITOR_HOLDS = "the agent does not time monitor holds";
    static final String NO_HOLD = "the agent saw no contended hold";
    static final String NO_READS = "no read waits seen";
    static final String EXCLUSIVE = "an exclusive lock cannot tell readers from writers";

    static final String ON_CPU_AT_WAIT_ENDS = "native probe, owner's eBPF on-CPU ns at wait start and end";
    static final String READ_WRITE = "agent hooks, read vs write waits";
    static final String RUNNABLE = "/proc/self/task/*/stat: the process's threads in state R per CPU while the lock "
            + "was contended";

    private EvidenceAssembler() {
    }

    /**
     * Whether a lock's waits are enough to advise on ({@link Thresholds#MIN_WAITS_TO_ADVISE}): the larger of its
     * tallies, since a recording's own count (above the JDK's threshold) may be far smaller than the agent's.
     */
    public static boolean enoughWaits(LockStatistics s) {
        return enoughWaits(Math.max(s.waits().count(), s.agentWaits().count()));
    }

    /** Whether {@code waits} waits are enough to advise on ({@link Thresholds#MIN_WAITS_TO_ADVISE}). */
    public static boolean enoughWaits(long waits) {
        return waits >= Thresholds.MIN_WAITS_TO_ADVISE;
    }

    /** The evidence the advisor reads, each figure with where it came from or why it is missing. */
    public static LockEvidence of(LockStatistics s) {
        LockType type = LockType.of(s.lockClass(), s.monitor());
        OwnerPreempted p = s.ownerPreempted();
        return new LockEvidence(s.lock(), type, s.waits(), share(s), hold(s), ownerOnCpu(s), futex(s), reads(s, type),
                runnable(s), s.agentWaits().equals(s.waits()) ? Waits.NONE : s.agentWaits(), s.ownerStates(),
                virtualWaits(s), preempted(p), p.known() ? p.waits() : -1);
    }

    /** The waits' total over the active thread-time, with the denominator's source. */
    static Figure share(LockStatistics s) {
        LockStatistics.ActiveTime a = s.activeTime();
        double share = a.nanos() > 0 ? Math.min(1, s.waits().totalNanos() / a.nanos()) : 0;
        return new Figure(share, a.source(), a.origin());
    }

    /**
     * The hold the verdict uses: the agent's median span, else its mean span (older agents), tightened for
     * java.util.concurrent locks by twice the agent's median wait where that is smaller ({@link HoldBounds#tighter}).
     * Monitor waits reach the agent from JDK events above a threshold, so their median bounds nothing.
     */
    static Figure hold(LockStatistics s) {
        if (!s.agentSaw()) {
            return Figure.missing(NEEDS_AGENT);
        }
        HoldSpans spans = s.holdSpans();
        Figure span = spans.medianNanos() >= 0 ? HoldBounds.medianSpan(spans.medianNanos(), spans.count())
                : spans.meanNanos() >= 0 ? HoldBounds.meanSpan(spans.meanNanos(), spans.count())
                : Figure.missing(s.monitor() ? MONITOR_HOLDS : NO_HOLD);
        return s.monitor() ? span : HoldBounds.tighter(span, s.agentWaits().p50Nanos(), s.agentWaits().count());
    }

    static Figure ownerOnCpu(LockStatistics s) {
        LockStatistics.OwnerOnCpu o = s.ownerOnCpu();
        switch (o.method()) {
            case AT_WAIT_ENDS:
                return Figure.measured(o.share(), ON_CPU_AT_WAIT_ENDS);
            case INTERPOLATED_SNAPSHOTS:
                // Monitor waits reach the agent after the fact: their owner's share is interpolated between snapshots.
                return Figure.sampled(o.share(), "native probe, owner's eBPF on-CPU ns"
                        + (o.detail() == null ? " from periodic snapshots" : " (" + o.detail() + ")")
                        + ", interpolated at wait start and end");
            default:
                return Figure.missing(whyMissing(s, o.detail(), NEEDS_PROBE));
        }
    }

    static Figure futex(LockStatistics s) {
        LockStatistics.FutexCalls f = s.futex();
        if (f.countedWaits() > 0) {
            return Figure.measured(f.calls() / (double) f.countedWaits(), "native probe, eBPF futex counts of waiter + "
                    + "owner over " + f.countedWaits() + " counted waits");
        }
        return Figure.missing(whyMissing(s, f.whyMissing(), NEEDS_PROBE));
    }

    static Figure reads(LockStatistics s, LockType type) {
        if (!s.agentSaw()) {
            return Figure.missing(NEEDS_AGENT);
        }
        long rw = s.readWaits() + s.writeWaits();
        if (s.readWaits() > 0 && rw > 0) {
            return Figure.measured(s.readWaits() / (double) rw, READ_WRITE);
        }
        return Figure.missing(type == LockType.READ_WRITE_LOCK ? NO_READS : EXCLUSIVE);
    }

    static Figure runnable(LockStatistics s) {
        LockStatistics.RunnableThreads r = s.runnable();
        if (r.known()) {
            return Figure.sampled(r.perCpu(), RUNNABLE + (r.detail() == null ? "" : "; " + r.detail()));
        }
        return Figure.missing(whyMissing(s, r.whyMissing(), NEEDS_PROBE));
    }

    /** The share of the agent's waits that were virtual threads' (its hooks run on the waiting thread). */
    static Figure virtualWaits(LockStatistics s) {
        long waits = s.agentWaits().count();
        if (!s.agentSaw() || s.virtualWaits() < 0 || waits <= 0) {
            return Figure.missing(LockEvidence.VIRTUAL_NOT_COUNTED);
        }
        return Figure.measured(Math.min(1, s.virtualWaits() / (double) waits), "agent hooks, " + s.virtualWaits()
                + " of " + waits + " waits by virtual threads");
    }

    static Figure preempted(OwnerPreempted p) {
        if (!p.known()) {
            return Figure.missing(p.whyMissing());
        }
        return Figure.measured(p.share(), "eBPF run-queue time of the owners during " + p.during() + ", over "
                + p.waits() + (p.waits() == 1 ? " wait, " : " waits, ") + Durations.format(p.waitNanos()));
    }

    /** The filler's reason, or what it takes where the agent did not see the lock. */
    private static String whyMissing(LockStatistics s, String why, String needs) {
        return !s.agentSaw() || why == null ? needs : why;
    }
}
