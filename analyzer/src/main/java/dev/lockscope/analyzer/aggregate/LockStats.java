package dev.lockscope.analyzer.aggregate;

import dev.lockscope.analyzer.model.WaitEvent;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntUnaryOperator;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import org.HdrHistogram.Histogram;

/** Everything known about the waits on one lock: counts, distribution, threads, sites, owners, stacks. */
public final class LockStats {
    /** Waits are recorded from 1 ns to one hour, with 2 significant digits (1% resolution). */
    private static final long HIGHEST_TRACKABLE_NANOS = 3_600_000_000_000L;
    /** Distinct waiting threads are counted exactly up to this many, then reported as "at least". */
    static final int MAX_THREADS_TRACKED = 10_000;

    private final LockKey key;
    /** The wait histogram, or null while it is kept {@link #pack packed}. */
    private Histogram waits;
    /** The histogram compressed (HdrHistogram's own lossless encoding), or null while it is unpacked. */
    private byte[] packed;
    private long count;
    private long totalNanos;
    /** The longest wait, exact: the histogram keeps values only to its resolution (2 significant digits). */
    private long maxNanos;
    private final Set<Long> threads;
    private boolean threadsCapped;
    private final TopCounts sites;
    private final TopCounts previousOwners;
    private final TopCounts threadNames;
    private StackTrie stacks;
    private final Set<String> sources;
    private final Set<String> recordings;
    private long firstEnd = Long.MAX_VALUE;
    private long lastEnd = Long.MIN_VALUE;
    private int addresses = 1;
    private String addressesMergedBy;
    /** The holder-profile groups of its waits: one per lock key it was built from (several once merged). */
    private final Set<Integer> holderGroups = new TreeSet<>();

    public LockStats(LockKey key) {
        this.key = key;
        this.waits = newHistogram();
        this.threads = new HashSet<>();
        this.sites = new TopCounts();
        this.previousOwners = new TopCounts();
        this.threadNames = new TopCounts();
        this.stacks = new StackTrie();
        this.sources = new TreeSet<>();
        this.recordings = new TreeSet<>();
    }

    /** The same statistics under another key, their holder groups renumbered: taking them over, not copying them. */
    private LockStats(LockKey key, LockStats o, IntUnaryOperator groupMap) {
        this.key = key;
        this.waits = o.waits;
        this.packed = o.packed;
        this.count = o.count;
        this.totalNanos = o.totalNanos;
        this.maxNanos = o.maxNanos;
        this.threads = o.threads;
        this.threadsCapped = o.threadsCapped;
        this.sites = o.sites;
        this.previousOwners = o.previousOwners;
        this.threadNames = o.threadNames;
        this.stacks = o.stacks;
        this.sources = o.sources;
        this.recordings = o.recordings;
        this.firstEnd = o.firstEnd;
        this.lastEnd = o.lastEnd;
        this.addresses = o.addresses;
        this.addressesMergedBy = o.addressesMergedBy;
        for (int g : o.holderGroups) {
            this.holderGroups.add(groupMap.applyAsInt(g));
        }
        this.ownGroup = o.ownGroup < 0 ? -1 : groupMap.applyAsInt(o.ownGroup);
    }

    private static Histogram newHistogram() {
        return new Histogram(1, HIGHEST_TRACKABLE_NANOS, 2);
    }

    /**
     * These statistics under {@code newKey}, with holder groups renumbered by {@code groupMap}; this object must not
     * be used afterwards (its parts are handed over).
     */
    LockStats rekeyed(LockKey newKey, IntUnaryOperator groupMap) {
        return new LockStats(newKey, this, groupMap);
    }

    /**
     * Compresses the wait histogram, losslessly (50 bytes for one wait, 4 KB for a million over 9 decades, instead of
     * 37 KB): the figures read from it stay the same. Statistics kept for many recordings at once are kept packed.
     */
    synchronized void pack() {
        if (waits == null) {
            return;
        }
        ByteBuffer b = ByteBuffer.allocate(waits.getNeededByteBufferCapacity());
        int n = waits.encodeIntoCompressedByteBuffer(b, Deflater.BEST_SPEED);
        packed = java.util.Arrays.copyOf(b.array(), n);
        waits = null;
    }

    /** Whether its histogram is kept packed (compressed) now. */
    synchronized boolean packed() {
        return waits == null;
    }

    /** The histogram: this object's own, or a fresh copy decoded from its packed form. */
    private Histogram histogramView() {
        Histogram h = waits;
        if (h != null) {
            return h;
        }
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(packed), HIGHEST_TRACKABLE_NANOS);
        } catch (DataFormatException e) {
            throw new IllegalStateException("packed wait histogram unreadable", e);
        }
    }

    /** The histogram to record into: unpacked first, if it was packed. */
    private Histogram ownHistogram() {
        if (waits == null) {
            waits = histogramView();
            packed = null;
        }
        return waits;
    }

    /** Nodes of its stack tree. */
    int stackNodes() {
        return stacks.nodes();
    }

    /** Names the report shows per list (sites, previous owners, waiters), which {@link #dropDetail} keeps. */
    static final int NAMES_SHOWN = 5;

    /**
     * Lets its detail go, the memory bound of statistics kept for many recordings: the stack tree (its waits and wait
     * time kept as cut at the root, as {@link StackTrie} cuts a stack when it is full) and all but the first
     * {@link #NAMES_SHOWN} names of each list (the others counted under {@code (other)}). Counts, wait times, the
     * histogram and the waiting threads stay.
     */
    void dropDetail() {
        stacks = stacks.collapsed();
        sites.trimTo(NAMES_SHOWN);
        previousOwners.trimTo(NAMES_SHOWN);
        threadNames.trimTo(NAMES_SHOWN);
    }

    void add(WaitEvent e, String recording, String site) {
        long d = Math.max(0, e.durationNanos());
        count++;
        totalNanos += d;
        maxNanos = Math.max(maxNanos, d);
        ownHistogram().recordValue(Math.min(Math.max(d, 1), HIGHEST_TRACKABLE_NANOS));
        if (threads.size() < MAX_THREADS_TRACKED) {
            threads.add(e.threadId());
        } else if (!threads.contains(e.threadId())) {
            threadsCapped = true;
        }
        threadNames.add(e.threadName(), 1, d);
        sites.add(site, 1, d);
        if (e.previousOwner() != null) {
            previousOwners.add(e.previousOwner(), 1, d);
        }
        stacks.add(e.frames(), d);
        sources.add(e.source());
        recordings.add(recording);
        long end = e.startNanos() + d;
        firstEnd = Math.min(firstEnd, end);
        lastEnd = Math.max(lastEnd, end);
    }

    void addAll(LockStats o) {
        holderGroups.addAll(o.holderGroups);
        count += o.count;
        totalNanos += o.totalNanos;
        maxNanos = Math.max(maxNanos, o.maxNanos);
        ownHistogram().add(o.histogramView());
        for (Long t : o.threads) {
            if (threads.size() < MAX_THREADS_TRACKED) {
                threads.add(t);
            } else {
                threadsCapped = true;
            }
        }
        threadsCapped |= o.threadsCapped;
        threadNames.addAll(o.threadNames);
        sites.addAll(o.sites);
        previousOwners.addAll(o.previousOwners);
        stacks.addAll(o.stacks);
        sources.addAll(o.sources);
        recordings.addAll(o.recordings);
        firstEnd = Math.min(firstEnd, o.firstEnd);
        lastEnd = Math.max(lastEnd, o.lastEnd);
    }

    /**
     * Folds in the waits recorded at another address of the same lock (the GC moved it); {@code mergedBy} says how
     * that was told: {@code gc} (a recorded collection between) or {@code succession} (no GC events to tell by).
     */
    void addMoved(LockStats o, String mergedBy) {
        addAll(o);
        addresses += o.addresses;
        addressesMergedBy = mergedBy;
    }

    void holderGroup(int group) {
        holderGroups.add(group);
        ownGroup = group;
    }

    /** The group it was created with (before any merge), where its own waits go. */
    int ownGroup() {
        return ownGroup;
    }

    private int ownGroup = -1;

    /** The groups under which its waits went to the holder profile (see HolderStore). */
    public Set<Integer> holderGroups() {
        return java.util.Collections.unmodifiableSet(holderGroups);
    }

    /** How this lock's addresses were merged ({@link #addMoved}), or null for a lock seen at one address. */
    public String addressesMergedBy() {
        return addressesMergedBy;
    }

    /** When the first and last recorded waits ended, epoch ns. */
    public long firstEndNanos() {
        return firstEnd;
    }

    public long lastEndNanos() {
        return lastEnd;
    }

    /** How many addresses this lock was seen at (more than one when the GC moved it during the recording). */
    public int addresses() {
        return addresses;
    }

    public LockKey key() {
        return key;
    }

    public long count() {
        return count;
    }

    public long totalNanos() {
        return totalNanos;
    }

    /** The wait histogram (unpacked on first use if it was packed). */
    public synchronized Histogram waits() {
        return ownHistogram();
    }

    /**
     * The {@code p}th percentile wait: the histogram's value (the top of its 1%-wide bucket), but never above the
     * longest wait, so p50 <= p90 <= p99 <= max and a single wait's percentiles are that wait.
     */
    public long percentileNanos(double p) {
        return count == 0 ? 0 : Math.min(waits().getValueAtPercentile(p), maxNanos);
    }

    /** The longest wait, exact. */
    public long maxNanos() {
        return maxNanos;
    }

    public int distinctThreads() {
        return threads.size();
    }

    public boolean distinctThreadsCapped() {
        return threadsCapped;
    }

    public TopCounts sites() {
        return sites;
    }

    public TopCounts previousOwners() {
        return previousOwners;
    }

    public TopCounts threadNames() {
        return threadNames;
    }

    public StackTrie stacks() {
        return stacks;
    }

    public Set<String> sources() {
        return sources;
    }

    public Set<String> recordings() {
        return recordings;
    }
}
