package dev.lockscope.agent.jfr;

import dev.lockscope.advisor.Log2Percentiles;
import dev.lockscope.agent.registry.LockRegistry;
import dev.lockscope.agent.registry.LockStats;
import dev.lockscope.agent.registry.ProbeLabels;
import dev.lockscope.events.AgentStatus;
import dev.lockscope.events.LockSummary;
import dev.lockscope.events.Log2Histogram;
import dev.lockscope.events.ProbeStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import jdk.jfr.FlightRecorder;

/**
 * Writes the periodic events (per-lock summaries, agent and probe status) from JFR's own periodic thread,
 * only while a recording has them enabled. Never runs inside an application hook.
 */
public final class EventReporter {
    private final LockRegistry registry;
    private final int top;
    private final Supplier<AgentStatus> agentStatus;
    private final Supplier<ProbeStatus> probeStatus;
    private final Runnable summaryHook = this::emitSummaries;
    private final Runnable agentHook = this::emitAgentStatus;
    private final Runnable probeHook = this::emitProbeStatus;
    private final RunnableThreads runnable;
    private final MonitorShares monitorShares;
    private long lastSummaryNanos = System.nanoTime();
    private long[] lastRunnable;

    public EventReporter(LockRegistry registry, int top, Supplier<AgentStatus> agentStatus, Supplier<ProbeStatus> probeStatus) {
        this(registry, top, agentStatus, probeStatus, null, MonitorShares.NONE);
    }

    /**
     * @param runnable      runnable-threads sampler (null: not sampled)
     * @param monitorShares whether monitor waits get owner on-CPU shares from the probe's snapshots, and their labels
     */
    public EventReporter(LockRegistry registry, int top, Supplier<AgentStatus> agentStatus, Supplier<ProbeStatus> probeStatus,
                         RunnableThreads runnable, MonitorShares monitorShares) {
        this.registry = registry;
        this.top = top;
        this.agentStatus = agentStatus;
        this.probeStatus = probeStatus;
        this.runnable = runnable;
        this.monitorShares = monitorShares;
        this.lastRunnable = runnable == null ? null : runnable.totals();
    }

    public void register() {
        FlightRecorder.addPeriodicEvent(LockSummary.class, summaryHook);
        FlightRecorder.addPeriodicEvent(AgentStatus.class, agentHook);
        FlightRecorder.addPeriodicEvent(ProbeStatus.class, probeHook);
    }

    public void unregister() {
        FlightRecorder.removePeriodicEvent(summaryHook);
        FlightRecorder.removePeriodicEvent(agentHook);
        FlightRecorder.removePeriodicEvent(probeHook);
    }

    synchronized void emitSummaries() {
        long now = System.nanoTime();
        long period = now - lastSummaryNanos;
        lastSummaryNanos = now;
        // Runnable threads per CPU over this period: the same process-wide figure for every lock written now.
        double runnablePerCpu = -1;
        String runnableSource = "not sampled: the agent runs without its runnable-threads sampler";
        if (runnable != null) {
            long[] totals = runnable.totals();
            runnablePerCpu = runnable.perCpu(lastRunnable, totals);
            runnableSource = runnable.unavailable() != null ? "not sampled: " + runnable.unavailable()
                    : runnablePerCpu < 0 ? "not sampled in this period: " + runnable.sampledOnlyWhile()
                    : runnable.source(totals[1] - lastRunnable[1]);
            lastRunnable = totals;
        }
        boolean monitorSnapshots = monitorShares.given();
        List<Object[]> active = new ArrayList<>();
        for (LockStats s : registry.all()) {
            long[] cur = new long[LockStats.FIELDS];
            for (int i = 0; i < cur.length; i++) {
                cur[i] = s.get(i);
            }
            long[] prev = s.reported();
            if (cur[LockStats.WAITS] != prev[LockStats.WAITS] || cur[LockStats.COND_WAITS] != prev[LockStats.COND_WAITS]
                    || cur[LockStats.HOLDS] != prev[LockStats.HOLDS]) {
                active.add(new Object[] {s, cur, prev});
            }
        }
        active.sort((a, b) -> Long.compare(delta(b, LockStats.WAIT_NS), delta(a, LockStats.WAIT_NS)));
        for (Object[] a : active.subList(0, Math.min(top, active.size()))) {
            LockStats s = (LockStats) a[0];
            long[] cur = (long[]) a[1];
            long[] prev = (long[]) a[2];
            LockSummary e = new LockSummary();
            e.lockClass = s.lockClass;
            e.site = s.site.where;
            e.siteKind = s.site.kind;
            e.lockId = s.lockId();
            e.source = s.source;
            e.period = period;
            e.waits = cur[LockStats.WAITS] - prev[LockStats.WAITS];
            e.virtualWaits = cur[LockStats.VIRTUAL_WAITS] - prev[LockStats.VIRTUAL_WAITS];
            e.readWaits = cur[LockStats.READ_WAITS] - prev[LockStats.READ_WAITS];
            e.writeWaits = cur[LockStats.WRITE_WAITS] - prev[LockStats.WRITE_WAITS];
            e.waitTime = cur[LockStats.WAIT_NS] - prev[LockStats.WAIT_NS];
            e.maxWait = s.takeMax(LockStats.MAX_WAIT);
            long[] hist = histogramDelta(cur, prev, LockStats.HIST);
            // Ends of log2 buckets, kept at most the period's longest wait: p50 <= p99 <= max, and one wait's are it. (A
            // wait ending just as the period closes can have its count here and its max in the last period's.)
            e.waitP50 = Log2Percentiles.upperBound(hist, 50, e.maxWait);
            e.waitP99 = Log2Percentiles.upperBound(hist, 99, e.maxWait);
            e.waitHistogram = Log2Histogram.format(hist);
            e.maxWaiters = (int) s.takeMax(LockStats.MAX_WAITERS);
            e.holds = cur[LockStats.HOLDS] - prev[LockStats.HOLDS];
            e.holdTime = cur[LockStats.HOLD_NS] - prev[LockStats.HOLD_NS];
            e.maxHold = s.takeMax(LockStats.MAX_HOLD);
            long[] holdHist = histogramDelta(cur, prev, LockStats.HOLD_HIST);
            e.holdP50 = e.holds > 0 ? Log2Percentiles.upperBound(holdHist, 50, e.maxHold) : 0;
            e.holdHistogram = Log2Histogram.format(holdHist);
            e.conditionWaits = cur[LockStats.COND_WAITS] - prev[LockStats.COND_WAITS];
            e.conditionWaitTime = cur[LockStats.COND_NS] - prev[LockStats.COND_NS];
            Object[] owner = s.topOwnerAndReset();
            e.topOwner = owner == null ? "" : (String) owner[0];
            e.topOwnerShare = owner == null ? 0 : (Double) owner[1];
            // Probe-joined figures: wait-time-weighted over the waits whose owner was measured.
            boolean monitor = LockRegistry.SOURCE_MONITOR.equals(s.source);
            ProbeLabels labels = registry.probeLabels;
            long measured = cur[LockStats.OWNER_MEASURED_NS] - prev[LockStats.OWNER_MEASURED_NS];
            long onCpu = cur[LockStats.OWNER_ON_CPU_NS] - prev[LockStats.OWNER_ON_CPU_NS];
            e.ownerMeasuredWaitTime = Math.max(0, measured);
            e.ownerOnCpuShare = measured > 0 ? Math.min(1.0, Math.max(0.0, onCpu / (double) measured)) : -1;
            e.ownerOnCpuSource = monitor && monitorSnapshots ? (measured > 0 ? monitorShares.source()
                    : "not measured: " + monitorShares.notMeasuredInPeriod() + " (counts in dev.lockscope.ProbeStatus)")
                    : labels.summaryOnCpu(measured > 0, monitor,
                            cur[LockStats.OWNER_VIA_CARRIER_NS] != prev[LockStats.OWNER_VIA_CARRIER_NS],
                            cur[LockStats.OWNER_VIRTUAL_WAITS] != prev[LockStats.OWNER_VIRTUAL_WAITS]);
            long futexWaits = cur[LockStats.FUTEX_WAITS] - prev[LockStats.FUTEX_WAITS];
            e.futexWaits = Math.max(0, futexWaits);
            e.futexCalls = futexWaits > 0 ? cur[LockStats.FUTEX_CALLS] - prev[LockStats.FUTEX_CALLS] : -1;
            e.futexSource = labels.summaryFutex(futexWaits > 0, monitor);
            e.runnableThreadsPerCpu = runnablePerCpu;
            e.runnableSource = runnableSource;
            e.commit();
            s.reported(cur);
        }
    }

    /** The period's counts of the log2 histogram stored at {@code offset} of a lock's counters. */
    private static long[] histogramDelta(long[] cur, long[] prev, int offset) {
        long[] hist = new long[Log2Histogram.BUCKETS];
        for (int i = 0; i < hist.length; i++) {
            hist[i] = cur[offset + i] - prev[offset + i];
        }
        return hist;
    }

    private static long delta(Object[] a, int field) {
        return ((long[]) a[1])[field] - ((long[]) a[2])[field];
    }

    void emitAgentStatus() {
        agentStatus.get().commit();
    }

    void emitProbeStatus() {
        probeStatus.get().commit();
    }
}
