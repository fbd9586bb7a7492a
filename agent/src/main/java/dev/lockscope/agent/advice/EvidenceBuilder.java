package dev.lockscope.agent.advice;

import dev.lockscope.advisor.EvidenceAssembler;
import dev.lockscope.advisor.LockStatistics;
import dev.lockscope.advisor.LockStatistics.ActiveTime;
import dev.lockscope.advisor.LockStatistics.FutexCalls;
import dev.lockscope.advisor.LockStatistics.HoldSpans;
import dev.lockscope.advisor.LockStatistics.OwnerOnCpu;
import dev.lockscope.advisor.LockStatistics.OwnerPreempted;
import dev.lockscope.advisor.LockStatistics.RunnableThreads;
import dev.lockscope.advisor.Log2Percentiles;
import dev.lockscope.advisor.Source;
import dev.lockscope.advisor.Waits;
import dev.lockscope.agent.monitor.MonitorOwnerShare;
import dev.lockscope.agent.monitor.OnCpuSnapshots;
import dev.lockscope.agent.registry.LockStats;
import dev.lockscope.agent.registry.ProbeLabels;
import dev.lockscope.events.LockWait;
import dev.lockscope.events.Log2Histogram;
import dev.lockscope.events.SiteKinds;

/**
 * One lock site's statistics from the agent's own counters over a window, for the advisor's
 * {@link EvidenceAssembler}: waits, the window's active thread-time, hold spans, owner on-CPU time, futex calls,
 * read and write waits, virtual threads' waits, runnable threads per CPU. The assembler says where each figure came
 * from; this says why a figure the agent could not measure, or does not keep (the owners' preempted share), is missing.
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
     * The site's statistics over the window, as the advisor's {@link EvidenceAssembler} reads them.
     *
     * @param sums     the site's counter increases over the window ({@link LockStats} layout)
     * @param runnable runnable threads per CPU while this site was contended (sampled), or why it is missing
     */
    static LockStatistics statistics(SiteWindow w, long[] sums, RunnableThreads runnable, Context c) {
        boolean monitor = SiteKinds.isMonitor(w.site.kind);
        long waits = sums[LockStats.WAITS];
        long waitNs = sums[LockStats.WAIT_NS];
        // The window keeps no longest span or wait, so its percentiles are the ends of their log2 buckets.
        long[] hist = new long[Log2Histogram.BUCKETS];
        System.arraycopy(sums, LockStats.HIST, hist, 0, hist.length);
        long p50 = Log2Percentiles.upperBound(hist, 50, 0);
        long p99 = Log2Percentiles.upperBound(hist, 99, 0);
        long virtualWaits = sums[LockStats.VIRTUAL_WAITS];
        Waits tally = monitor ? Waits.agentMonitor(waits, waitNs, p50, p99, virtualWaits)
                : Waits.agent(waits, waitNs, p50, p99, false);

        // Timed from a contended acquisition to the release that wakes the next waiter: uncontended re-acquisitions
        // in between are the fast path, not hooked, so one span may cover several holds.
        long holds = sums[LockStats.HOLDS];
        long[] holdHist = new long[Log2Histogram.BUCKETS];
        System.arraycopy(sums, LockStats.HOLD_HIST, holdHist, 0, holdHist.length);
        HoldSpans spans = holds > 0 ? new HoldSpans(Log2Percentiles.upperBound(holdHist, 50, 0), -1, holds)
                : HoldSpans.NONE;

        long measured = sums[LockStats.OWNER_MEASURED_NS];
        OwnerOnCpu onCpu;
        if (measured > 0) {
            double share = Math.min(1, sums[LockStats.OWNER_ON_CPU_NS] / (double) measured);
            // Virtual threads' monitor waits are timed by hooks, their owners read at wait start and end as for j.u.c.
            onCpu = monitor && virtualWaits < waits ? OwnerOnCpu.interpolated(share, OnCpuSnapshots.CADENCE)
                    : OwnerOnCpu.atWaitEnds(share);
        } else if (monitor && c.monitorShares) {
            onCpu = OwnerOnCpu.missing(MonitorOwnerShare.notMeasured("window"));
        } else {
            onCpu = OwnerOnCpu.missing(c.labels.summaryOnCpu(false, monitor));
        }

        long futexWaits = sums[LockStats.FUTEX_WAITS];
        FutexCalls futex = futexWaits > 0 ? FutexCalls.counted(sums[LockStats.FUTEX_CALLS], futexWaits)
                : FutexCalls.missing(c.labels.summaryFutex(false, monitor));

        String name = w.lockClass + " at " + w.site.where + " (" + w.site.kind + ")";
        return LockStatistics.builder(name, w.lockClass, monitor, tally).agentWaits(tally)
                .activeTime(new ActiveTime(c.activeNanos, c.activeMeasured ? Source.MEASURED : Source.ESTIMATED,
                        c.activeSource))
                .holdSpans(spans).ownerOnCpu(onCpu).futex(futex)
                .readWrite(sums[LockStats.READ_WAITS], sums[LockStats.WRITE_WAITS]).runnable(runnable)
                .virtualWaits(virtualWaits).ownerPreempted(OwnerPreempted.missing(PREEMPTED_NOT_KEPT)).build();
    }
}
