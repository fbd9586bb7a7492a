package dev.lockscope.analyzer.report;

import dev.lockscope.advisor.Advice;
import dev.lockscope.analyzer.report.Report.AgentFacts;
import dev.lockscope.analyzer.report.Report.Bucket;
import dev.lockscope.analyzer.report.Report.FlameNode;
import dev.lockscope.analyzer.report.Report.LockRow;
import dev.lockscope.analyzer.report.Report.Named;
import java.util.List;

/**
 * The one way to build a {@link LockRow}, or a changed copy of one ({@link LockRow#toBuilder}): each component set by
 * name. Unset, a row's texts are null, its counts 0 and its shares NaN; it has one address, no sites, threads, events
 * or histogram, an empty flame graph, no agent facts, advice or holder profile, and each of its waits recorded
 * ({@code waitsSamplingIntervalNanos} -1) at one address ({@code addressesMergedBy} null). Components are documented on
 * {@link LockRow}.
 */
public final class LockRowBuilder {
    private String id;
    private String kind;
    private String family;
    private String lockClass;
    private String address;
    private int addressesSeen = 1;
    private List<Named> sites = List.of();
    private long waitsCount;
    private long totalWaitNanos;
    private double shareOfActiveTime = Double.NaN;
    private double shareOfThreadTime = Double.NaN;
    private long p50Nanos;
    private long p90Nanos;
    private long p99Nanos;
    private long maxNanos;
    private int waitingThreads;
    private boolean waitingThreadsCapped;
    private List<Named> blockedBy = List.of();
    private List<Named> waiters = List.of();
    private List<String> sourceEvents = List.of();
    private List<String> recordings = List.of();
    private List<Bucket> histogram = List.of();
    private FlameNode flame = FlameNode.none();
    private AgentFacts agent;
    private Advice advice;
    private String waitsCounted;
    private String waitsSource;
    private long waitsSamplingIntervalNanos = -1;
    private String addressesMergedBy;
    private HolderProfile holders;

    LockRowBuilder() {
    }

    LockRowBuilder(LockRow r) {
        id = r.id();
        kind = r.kind();
        family = r.family();
        lockClass = r.lockClass();
        address = r.address();
        addressesSeen = r.addressesSeen();
        sites = r.sites();
        waitsCount = r.waitsCount();
        totalWaitNanos = r.totalWaitNanos();
        shareOfActiveTime = r.shareOfActiveTime();
        shareOfThreadTime = r.shareOfThreadTime();
        p50Nanos = r.p50Nanos();
        p90Nanos = r.p90Nanos();
        p99Nanos = r.p99Nanos();
        maxNanos = r.maxNanos();
        waitingThreads = r.waitingThreads();
        waitingThreadsCapped = r.waitingThreadsCapped();
        blockedBy = r.blockedBy();
        waiters = r.waiters();
        sourceEvents = r.sourceEvents();
        recordings = r.recordings();
        histogram = r.histogram();
        flame = r.flame();
        agent = r.agent();
        advice = r.advice();
        waitsCounted = r.waitsCounted();
        waitsSource = r.waitsSource();
        waitsSamplingIntervalNanos = r.waitsSamplingIntervalNanos();
        addressesMergedBy = r.addressesMergedBy();
        holders = r.holders();
    }

    public LockRow build() {
        return new LockRow(id, kind, family, lockClass, address, addressesSeen, sites, waitsCount, totalWaitNanos,
                shareOfActiveTime, shareOfThreadTime, p50Nanos, p90Nanos, p99Nanos, maxNanos, waitingThreads,
                waitingThreadsCapped, blockedBy, waiters, sourceEvents, recordings, histogram, flame, agent, advice,
                waitsCounted, waitsSource, waitsSamplingIntervalNanos, addressesMergedBy, holders);
    }

    public LockRowBuilder id(String v) {
        id = v;
        return this;
    }

    public LockRowBuilder kind(String v) {
        kind = v;
        return this;
    }

    public LockRowBuilder family(String v) {
        family = v;
        return this;
    }

    public LockRowBuilder lockClass(String v) {
        lockClass = v;
        return this;
    }

    public LockRowBuilder address(String v) {
        address = v;
        return this;
    }

    public LockRowBuilder addressesSeen(int v) {
        addressesSeen = v;
        return this;
    }

    public LockRowBuilder sites(List<Named> v) {
        sites = v;
        return this;
    }

    public LockRowBuilder waitsCount(long v) {
        waitsCount = v;
        return this;
    }

    public LockRowBuilder totalWaitNanos(long v) {
        totalWaitNanos = v;
        return this;
    }

    public LockRowBuilder shareOfActiveTime(double v) {
        shareOfActiveTime = v;
        return this;
    }

    public LockRowBuilder shareOfThreadTime(double v) {
        shareOfThreadTime = v;
        return this;
    }

    /** The median, 90th and 99th percentile waits and the longest. */
    public LockRowBuilder percentiles(long p50, long p90, long p99, long max) {
        p50Nanos = p50;
        p90Nanos = p90;
        p99Nanos = p99;
        maxNanos = max;
        return this;
    }

    /** Distinct threads that waited; {@code capped}: at least that many. */
    public LockRowBuilder waitingThreads(int v, boolean capped) {
        waitingThreads = v;
        waitingThreadsCapped = capped;
        return this;
    }

    public LockRowBuilder blockedBy(List<Named> v) {
        blockedBy = v;
        return this;
    }

    public LockRowBuilder waiters(List<Named> v) {
        waiters = v;
        return this;
    }

    public LockRowBuilder sourceEvents(List<String> v) {
        sourceEvents = v;
        return this;
    }

    public LockRowBuilder recordings(List<String> v) {
        recordings = v;
        return this;
    }

    public LockRowBuilder histogram(List<Bucket> v) {
        histogram = v;
        return this;
    }

    public LockRowBuilder flame(FlameNode v) {
        flame = v;
        return this;
    }

    public LockRowBuilder agent(AgentFacts v) {
        agent = v;
        return this;
    }

    public LockRowBuilder advice(Advice v) {
        advice = v;
        return this;
    }

    /** What the waits count and where they and their percentiles came from. */
    public LockRowBuilder waits(String counted, String source) {
        waitsCounted = counted;
        waitsSource = source;
        return this;
    }

    /** The interval at which the recorder sampled waits; -1 when each wait above the thresholds was recorded. */
    public LockRowBuilder waitsSamplingIntervalNanos(long v) {
        waitsSamplingIntervalNanos = v;
        return this;
    }

    public LockRowBuilder addressesMergedBy(String v) {
        addressesMergedBy = v;
        return this;
    }

    public LockRowBuilder holders(HolderProfile v) {
        holders = v;
        return this;
    }
}
