package dev.lockscope.analyzer.aggregate;

import dev.lockscope.advisor.Log2Percentiles;
import dev.lockscope.analyzer.model.AgentSummary;
import dev.lockscope.events.Log2Histogram;
import dev.lockscope.events.SiteKinds;
import dev.lockscope.events.VirtualThreadWaits;
import java.util.HashSet;
import java.util.Set;

/**
 * The lockscope agent's periodic summaries of one lock, added up over the recording: what plain JDK events lack
 * (contended hold times, owners, read vs write, the owner's CPU state and futex calls during waits).
 */
public final class AgentLockStats {
    /** Waiting sites remembered per lock (from dev.lockscope.LockWait stacks), for joining with JDK events. */
    static final int MAX_WAITING_SITES = 64;

    private int jvm;
    private final String lockClass;
    private String site;
    private String siteKind;
    private final long lockId;
    private String source;
    private long waits;
    private long readWaits;
    private long writeWaits;
    private long waitNanos;
    private long maxWaitNanos;
    private final long[] histogram = new long[Log2Histogram.BUCKETS];
    private final long[] holdHistogram = new long[Log2Histogram.BUCKETS];
    private boolean holdHistogramSeen;
    private long holds;
    private long holdNanos;
    private long maxHoldNanos;
    private long conditionWaits;
    private long virtualWaits;
    private boolean virtualCounted;
    private final TopCounts owners = new TopCounts();
    private double onCpuWeighted;
    private long onCpuWeight;
    private long futexCalls;
    private long futexWaits;
    private String ownerOnCpuSource;
    private double runnableWeighted;
    private long runnableWeight;
    private String runnableSource;
    private final Set<String> waitingSites = new HashSet<>();

    AgentLockStats(int jvm, AgentSummary s) {
        this.jvm = jvm;
        this.lockClass = s.lockClass();
        this.site = s.site();
        this.siteKind = s.siteKind();
        this.lockId = s.lockId();
    }

    private AgentLockStats(int jvm, AgentLockStats first) {
        this.jvm = jvm;
        this.lockClass = first.lockClass;
        this.site = first.site;
        this.siteKind = first.siteKind;
        this.lockId = first.lockId;
    }

    /**
     * One lock's summaries from several recordings of one JVM (the agent names a lock by its identity, which lasts the
     * JVM's life), added up as if read from one recording, numbered {@code jvm}. {@code parts} in recording order.
     */
    static AgentLockStats merged(int jvm, java.util.List<AgentLockStats> parts) {
        AgentLockStats m = new AgentLockStats(jvm, parts.get(0));
        for (AgentLockStats p : parts) {
            m.addAll(p);
        }
        return m;
    }

    private void addAll(AgentLockStats o) {
        if (SiteKinds.MONITOR_CLASS.equals(siteKind) && SiteKinds.isMonitor(o.siteKind) && !o.siteKind.equals(siteKind)) {
            site = o.site;
            siteKind = o.siteKind;
        }
        source = o.source != null ? o.source : source;
        waits += o.waits;
        readWaits += o.readWaits;
        writeWaits += o.writeWaits;
        waitNanos += o.waitNanos;
        maxWaitNanos = Math.max(maxWaitNanos, o.maxWaitNanos);
        for (int i = 0; i < Log2Histogram.BUCKETS; i++) {
            histogram[i] += o.histogram[i];
            holdHistogram[i] += o.holdHistogram[i];
        }
        holdHistogramSeen |= o.holdHistogramSeen;
        holds += o.holds;
        holdNanos += o.holdNanos;
        maxHoldNanos = Math.max(maxHoldNanos, o.maxHoldNanos);
        conditionWaits += o.conditionWaits;
        virtualCounted |= o.virtualCounted;
        virtualWaits += o.virtualWaits;
        owners.addAll(o.owners);
        onCpuWeighted += o.onCpuWeighted;
        onCpuWeight += o.onCpuWeight;
        ownerOnCpuSource = o.ownerOnCpuSource != null ? o.ownerOnCpuSource : ownerOnCpuSource;
        runnableWeighted += o.runnableWeighted;
        runnableWeight += o.runnableWeight;
        runnableSource = o.runnableSource != null && (o.runnableWeight > 0 || runnableWeight == o.runnableWeight)
                ? o.runnableSource : runnableSource;
        futexCalls += o.futexCalls;
        futexWaits += o.futexWaits;
        o.waitingSites.forEach(this::addWaitingSite);
    }

    void add(AgentSummary s) {
        if (SiteKinds.MONITOR_CLASS.equals(siteKind) && SiteKinds.isMonitor(s.siteKind()) && !s.siteKind().equals(siteKind)) {
            // A monitor first seen in Object.wait calls (no stack): the agent names it at its first contended enter.
            site = s.site();
            siteKind = s.siteKind();
        }
        source = s.source();
        waits += s.waits();
        readWaits += s.readWaits();
        writeWaits += s.writeWaits();
        waitNanos += s.waitNanos();
        maxWaitNanos = Math.max(maxWaitNanos, s.maxWaitNanos());
        addCounts(histogram, s.waitHistogram());
        if (s.holdHistogram() != null) {
            holdHistogramSeen = true;
            addCounts(holdHistogram, s.holdHistogram());
        }
        holds += s.holds();
        holdNanos += s.holdNanos();
        maxHoldNanos = Math.max(maxHoldNanos, s.maxHoldNanos());
        conditionWaits += s.conditionWaits();
        if (s.virtualWaits() >= 0) {
            virtualCounted = true;
            virtualWaits += s.virtualWaits();
        }
        if (s.topOwner() != null && !s.topOwner().isEmpty() && s.waits() > 0) {
            long n = Math.round(s.waits() * s.topOwnerShare());
            owners.add(s.topOwner(), n, Math.round(s.waitNanos() * s.topOwnerShare()));
        }
        // Weighted by the wait time the share was measured over (older agents: all of the period's wait time).
        long weight = s.ownerMeasuredWaitNanos() >= 0 ? s.ownerMeasuredWaitNanos() : s.waitNanos();
        if (s.ownerOnCpuShare() >= 0 && weight > 0) {
            onCpuWeighted += s.ownerOnCpuShare() * weight;
            onCpuWeight += weight;
            ownerOnCpuSource = s.ownerOnCpuSource();
        }
        // Runnable threads per CPU while this lock was contended: each period's figure weighted by its wait time.
        if (s.runnableThreadsPerCpu() >= 0 && s.waitNanos() > 0) {
            runnableWeighted += s.runnableThreadsPerCpu() * s.waitNanos();
            runnableWeight += s.waitNanos();
            runnableSource = s.runnableSource();
        } else if (runnableSource == null && s.runnableSource() != null) {
            runnableSource = s.runnableSource();
        }
        if (s.futexCalls() >= 0) {
            // futexCalls covers only the waits a counting window saw (futexWaits); older agents: all waits.
            futexCalls += s.futexCalls();
            futexWaits += s.futexWaits() >= 0 ? s.futexWaits() : s.waits();
        }
    }

    /** Adds a summary's log2 bucket counts; a malformed list loses its distribution, never the other counts. */
    private static void addCounts(long[] into, String histogram) {
        long[] counts = Log2Histogram.parse(histogram);
        if (counts != null) {
            for (int i = 0; i < into.length; i++) {
                into[i] += counts[i];
            }
        }
    }

    /**
     * Median contended hold span: the end of its log2 bucket, at most the longest span ({@link Log2Percentiles}); -1
     * when the agent wrote no hold histogram or saw no hold. Each span bounds the hold it starts with, so this bounds
     * the median hold from above.
     */
    public long medianHoldSpanNanos() {
        if (!holdHistogramSeen || Log2Percentiles.bucketOf(holdHistogram, 50) < 0) {
            return -1;
        }
        return Log2Percentiles.upperBound(holdHistogram, 50, maxHoldNanos);
    }

    void addWaitingSite(String waitingSite) {
        if (waitingSites.size() < MAX_WAITING_SITES) {
            waitingSites.add(waitingSite);
        }
    }

    /**
     * An upper bound of the {@code p}th percentile wait: the end of its log2 bucket, at most the longest wait
     * ({@link Log2Percentiles}), so percentiles rise with {@code p}, never pass the max, and one wait's are that wait.
     */
    public long percentileUpperBoundNanos(double p) {
        return Log2Percentiles.upperBound(histogram, p, maxWaitNanos);
    }

    /** The recording (file index) whose summaries these are: the JVM it names is that recording's. */
    public int jvm() {
        return jvm;
    }

    /** Renumbers its recording, as a merge of several recordings numbers them. */
    void renumber(int recording) {
        this.jvm = recording;
    }

    public String lockClass() {
        return lockClass;
    }

    public String site() {
        return site;
    }

    /** Waits of virtual threads among {@link #waits()}; -1 from agents that did not count them apart. */
    public long virtualWaits() {
        return virtualCounted ? virtualWaits : -1;
    }

    /** A monitor whose waits the agent read from the JDK's events (not virtual threads' it timed itself). */
    public static boolean isJdkMonitorEvents(String siteKind, String source) {
        return SiteKinds.isMonitor(siteKind) && !VirtualThreadWaits.isVirtualMonitorSource(source);
    }

    /** Whether an owner on-CPU source says its owners were virtual threads that could not be measured. */
    public static boolean virtualOwnerUnmeasured(String ownerOnCpuSource) {
        return ownerOnCpuSource != null && ownerOnCpuSource.startsWith("not measured: the owner is a virtual thread");
    }

    public String siteKind() {
        return siteKind;
    }

    public long lockId() {
        return lockId;
    }

    public String source() {
        return source;
    }

    public long waits() {
        return waits;
    }

    public long readWaits() {
        return readWaits;
    }

    public long writeWaits() {
        return writeWaits;
    }

    public long waitNanos() {
        return waitNanos;
    }

    public long maxWaitNanos() {
        return maxWaitNanos;
    }

    public long holds() {
        return holds;
    }

    public long holdNanos() {
        return holdNanos;
    }

    public long maxHoldNanos() {
        return maxHoldNanos;
    }

    public long conditionWaits() {
        return conditionWaits;
    }

    public TopCounts owners() {
        return owners;
    }

    /** Share of waiting time the owner was on a CPU, or -1 when no summary had the probe's figure. */
    public double ownerOnCpuShare() {
        return onCpuWeight == 0 ? -1 : onCpuWeighted / onCpuWeight;
    }

    /**
     * Wait time during which the owner was off a CPU, of the waits whose owner's CPU time was measured (the weight
     * behind {@link #ownerOnCpuShare}), or -1 when no summary had the probe's figure.
     */
    public long ownerOffCpuNanos() {
        return onCpuWeight > 0 ? Math.max(0, Math.round(onCpuWeight - onCpuWeighted)) : -1;
    }

    /** Where the owner on-CPU share came from ("measured: ..." or "sampled: ..."), or null when none had it. */
    public String ownerOnCpuSource() {
        return ownerOnCpuSource;
    }

    /** Runnable threads per CPU while the lock was contended (wait-time weighted), or -1 when not sampled. */
    public double runnableThreadsPerCpu() {
        return runnableWeight == 0 ? -1 : runnableWeighted / runnableWeight;
    }

    /** The agent's label of the runnable figure (its source, or why it is missing), or null from older agents. */
    public String runnableSource() {
        return runnableSource;
    }

    /** Futex calls per wait, or -1 when no summary had the probe's figure. */
    public double futexCallsPerWait() {
        return futexWaits == 0 ? -1 : (double) futexCalls / futexWaits;
    }

    /** Futex calls of waiters and owners during the {@link #futexWaits} waits whose calls were counted. */
    public long futexCalls() {
        return futexCalls;
    }

    /** Waits whose futex calls were counted (0: none). */
    public long futexWaits() {
        return futexWaits;
    }

    public Set<String> waitingSites() {
        return waitingSites;
    }
}
