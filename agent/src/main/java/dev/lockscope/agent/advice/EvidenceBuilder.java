package dev.lockscope.agent.advice;

import dev.lockscope.advisor.Figure;
import dev.lockscope.advisor.HoldBounds;
import dev.lockscope.advisor.LockEvidence;
import dev.lockscope.advisor.LockType;
import dev.lockscope.advisor.Log2Percentiles;
import dev.lockscope.advisor.Waits;
import dev.lockscope.agent.monitor.MonitorOwnerShare;
import dev.lockscope.agent.monitor.OnCpuSnapshots;
import dev.lockscope.agent.registry.LockStats;
import dev.lockscope.agent.registry.ProbeLabels;
import dev.lockscope.events.LockWait;
import dev.lockscope.events.Log2Histogram;
import dev.lockscope.events.SiteKinds;

/**
 * The advisor's evidence for one lock site from the agent's own counters over a window: waits, their share of
 * the program's active thread-time, hold, owner on-CPU share, futex calls per wait, readers, runnable threads per CPU.
 * Each figure says where it came from; what the agent could not measure, or does not keep (the owners' preempted
 * share), says why.
 */
final class EvidenceBuilder {
    /** The window's context shared by all sites. */
    static final class Context {
        /** The window's active thread-time: the process's CPU time plus every lock wait the agent saw. */
        final double activeNanos;
        /** Where {@link #activeNanos} came from. */
        final String activeSource;
        /** Whether {@link #activeNanos} is measured (CPU time known) rather than estimated from live threads. */
        final boolean activeMeasured;
        final ProbeLabels labels;
        /** Whether monitor owners' on-CPU snapshots run (so a missing monitor share means "too short"). */
        final boolean monitorShares;

        Context(double activeNanos, String activeSource, boolean activeMeasured, ProbeLabels labels,
                boolean monitorShares) {
            this.activeNanos = activeNanos;
            this.activeSource = activeSource;
            this.activeMeasured = activeMeasured;
            this.labels = labels;
            this.monitorShares = monitorShares;
        }
    }

    /**
     * Why the live advice has no owners' preempted share: the counters keep the owners' on-CPU time per lock, not
     * their run-queue time, which only each wait's event carries.
     */
    static final String PREEMPTED_NOT_KEPT = "not kept per lock by the agent's counters: each of its "
            + LockWait.NAME + " events carries its owner's preempted share, which lockscope analyze adds up per lock";

    private EvidenceBuilder() {
    }

    /**
     * @param sums     the site's counter increases over the window ({@link LockStats} layout)
     * @param runnable runnable threads per CPU while this site was contended (sampled), or a missing figure
     */
    static LockEvidence of(SiteWindow w, long[] sums, Figure runnable, Context c) {
        boolean monitor = SiteKinds.isMonitor(w.site.kind);
        LockType type = LockType.of(w.lockClass, monitor);
        long waits = sums[LockStats.WAITS];
        long waitNs = sums[LockStats.WAIT_NS];
        long[] hist = new long[Log2Histogram.BUCKETS];
        System.arraycopy(sums, LockStats.HIST, hist, 0, hist.length);
        double shareValue = c.activeNanos > 0 ? Math.min(1, waitNs / c.activeNanos) : 0;
        Figure share = c.activeMeasured ? Figure.measured(shareValue, c.activeSource)
                : Figure.estimated(shareValue, c.activeSource);

        long holds = sums[LockStats.HOLDS];
        // Timed from a contended acquisition to the release that wakes the next waiter: uncontended re-acquisitions
        // in between are the fast path, not hooked, so one span may cover several holds. The window keeps no longest
        // span or wait, so its percentiles are the ends of their log2 buckets.
        long[] holdHist = new long[Log2Histogram.BUCKETS];
        System.arraycopy(sums, LockStats.HOLD_HIST, holdHist, 0, holdHist.length);
        Figure hold = holds > 0
                ? HoldBounds.medianSpan(Log2Percentiles.upperBound(holdHist, 50, 0), holds)
                : Figure.missing(monitor ? "the agent does not time monitor holds" : "no contended hold seen in the window");
        long p50 = Log2Percentiles.upperBound(hist, 50, 0);
        hold = monitor ? hold : HoldBounds.tighter(hold, p50, waits);

        long measured = sums[LockStats.OWNER_MEASURED_NS];
        double onCpuShare = measured > 0 ? Math.min(1, sums[LockStats.OWNER_ON_CPU_NS] / (double) measured) : 0;
        Figure onCpu;
        if (measured > 0) {
            // Virtual threads' monitor waits are timed by hooks, their owners read at wait start and end as for j.u.c.
            onCpu = monitor && sums[LockStats.VIRTUAL_WAITS] < waits
                    ? Figure.sampled(onCpuShare, "owner's eBPF on-CPU ns (" + OnCpuSnapshots.CADENCE
                            + "), interpolated at wait start and end")
                    : Figure.measured(onCpuShare, "native probe, owner's eBPF on-CPU ns at wait start and end");
        } else if (monitor && c.monitorShares) {
            onCpu = Figure.missing(MonitorOwnerShare.notMeasured("window"));
        } else {
            onCpu = Figure.missing(c.labels.summaryOnCpu(false, monitor));
        }

        long futexWaits = sums[LockStats.FUTEX_WAITS];
        Figure futex = futexWaits > 0
                ? Figure.measured(sums[LockStats.FUTEX_CALLS] / (double) futexWaits, "native probe, eBPF futex counts of "
                        + "waiter + owner over " + futexWaits + " counted waits")
                : Figure.missing(c.labels.summaryFutex(false, monitor));

        long reads = sums[LockStats.READ_WAITS];
        long rw = reads + sums[LockStats.WRITE_WAITS];
        Figure readShare = reads > 0 && rw > 0
                ? Figure.measured(reads / (double) rw, "agent hooks, read vs write waits")
                : Figure.missing(type == LockType.READ_WRITE_LOCK ? "no read waits seen"
                        : "an exclusive lock cannot tell readers from writers");

        String name = w.lockClass + " at " + w.site.where + " (" + w.site.kind + ")";
        long p99 = Log2Percentiles.upperBound(hist, 99, 0);
        long virtualWaits = sums[LockStats.VIRTUAL_WAITS];
        Waits tally = monitor ? Waits.agentMonitor(waits, waitNs, p50, p99, virtualWaits) : Waits.agent(waits, waitNs, p50, p99, false);
        Figure virtual = waits > 0 ? Figure.measured(Math.min(1, virtualWaits / (double) waits), "agent hooks, "
                + virtualWaits + " of " + waits + " waits by virtual threads") : Figure.missing("no waits in the window");
        return new LockEvidence(name, type, tally, share, hold, onCpu, futex, readShare, runnable, Waits.NONE)
                .withVirtualWaitShare(virtual).withOwnerPreempted(Figure.missing(PREEMPTED_NOT_KEPT), -1);
    }
}
