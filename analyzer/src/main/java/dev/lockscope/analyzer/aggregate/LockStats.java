package dev.lockscope.analyzer.aggregate;

import dev.lockscope.analyzer.model.Frame;
import dev.lockscope.analyzer.model.WaitEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;

/** Everything known about the waits on one lock: counts, distribution, threads, sites, owners, stacks. */
public final class LockStats {
    /** Waits are recorded from 1 ns to one hour, with 2 significant digits (1% resolution). */
    private static final long HIGHEST_TRACKABLE_NANOS = 3_600_000_000_000L;
    /** Distinct waiting threads are counted exactly up to this many, then reported as "at least". */
    static final int MAX_THREADS_TRACKED = 10_000;

    private final LockKey key;
    private final Histogram waits = new Histogram(1, HIGHEST_TRACKABLE_NANOS, 2);
    private long count;
    private long totalNanos;
    /** The longest wait, exact: the histogram keeps values only to its resolution (2 significant digits). */
    private long maxNanos;
    private final Set<Long> threads = new HashSet<>();
    private boolean threadsCapped;
    private final TopCounts sites = new TopCounts();
    private final TopCounts previousOwners = new TopCounts();
    private final TopCounts threadNames = new TopCounts();
    private final StackTrie stacks = new StackTrie();
    private final Set<String> sources = new TreeSet<>();
    private final Set<String> recordings = new TreeSet<>();
    private long firstEnd = Long.MAX_VALUE;
    private long lastEnd = Long.MIN_VALUE;
    private int addresses = 1;
    private String addressesMergedBy;
    /** The holder-profile groups of its waits: one per lock key it was built from (several once merged). */
    private final Set<Integer> holderGroups = new TreeSet<>();

    public LockStats(LockKey key) {
        this.key = key;
    }

    void add(WaitEvent e, String recording, String site) {
        long d = Math.max(0, e.durationNanos());
        count++;
        totalNanos += d;
        maxNanos = Math.max(maxNanos, d);
        waits.recordValue(Math.min(Math.max(d, 1), HIGHEST_TRACKABLE_NANOS));
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
        waits.add(o.waits);
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

    /**
     * The first application (non-JDK) frame, where the program asked for the lock. A stack of JDK frames only
     * (an executor's idle worker, JFR's own threads) is named by its first frame above the parking machinery.
     */
    public static String siteOf(List<Frame> topFirst) {
        for (Frame f : topFirst) {
            if (!f.isJdk()) {
                return f.toString();
            }
        }
        for (Frame f : topFirst) {
            if (!isWaitMachinery(f.className())) {
                return "(JDK) " + f;
            }
        }
        return "(no stack trace)";
    }

    private static boolean isWaitMachinery(String className) {
        return className.startsWith("java.util.concurrent.locks.") || className.equals("jdk.internal.misc.Unsafe")
                || className.equals("java.lang.Object") || className.startsWith("java.lang.VirtualThread")
                || className.equals("java.util.concurrent.ForkJoinPool");
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

    public Histogram waits() {
        return waits;
    }

    /**
     * The {@code p}th percentile wait: the histogram's value (the top of its 1%-wide bucket), but never above the
     * longest wait, so p50 <= p90 <= p99 <= max and a single wait's percentiles are that wait.
     */
    public long percentileNanos(double p) {
        return count == 0 ? 0 : Math.min(waits.getValueAtPercentile(p), maxNanos);
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
