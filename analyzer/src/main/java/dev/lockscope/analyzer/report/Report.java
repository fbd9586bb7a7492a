package dev.lockscope.analyzer.report;

import java.util.List;

/**
 * Everything a report shows, in the shape the JSON format publishes (see docs/report-json.md). Times are
 * nanoseconds, shares are fractions of 1, and every derived figure names where it came from.
 *
 * @param tool             "lockscope" and its version
 * @param recordings       the files read
 * @param threadTimeNanos  the recordings' live thread-time (every live thread x duration): the denominator of the
 *                         shares of condition waits, other parks and pinning
 * @param threadTimeSource how {@code threadTimeNanos} was obtained ("sampled: ..." or "estimated: ...")
 * @param activeTimeNanos  the recordings' active thread-time: the JVMs' CPU time plus every lock row's waits. The
 *                         denominator of lock rows' shares: idle threads (pools waiting for work) are not in it
 * @param activeTimeSource how {@code activeTimeNanos} was obtained, or why it fell back to live thread-time
 * @param locks            lock acquisition waits, one row per lock instance, most total wait first
 * @param conditions       condition waits ({@code Object.wait}, {@code Condition.await}), apart from locks
 * @param otherParks       other parks (executor queues, futures, latches), apart from locks
 * @param pinned           virtual-thread pinning, per site
 * @param notes            things the reader must know (truncation, missing events, folded rows)
 * @param jvms             one row per JVM when the recordings came from more than one, else empty
 * @param skipped          files given that could not be read and were left out (several files only: one alone fails)
 */
public record Report(String tool, List<RecordingInfo> recordings, long threadTimeNanos, String threadTimeSource,
                     long activeTimeNanos, String activeTimeSource, List<LockRow> locks, List<LockRow> conditions, List<LockRow> otherParks, List<LockRow> pinned,
                     List<String> notes, List<JvmRow> jvms, List<SkippedFile> skipped) {

    /** A report of one JVM, every file read. */
    public Report(String tool, List<RecordingInfo> recordings, long threadTimeNanos, String threadTimeSource,
                  long activeTimeNanos, String activeTimeSource, List<LockRow> locks, List<LockRow> conditions,
                  List<LockRow> otherParks, List<LockRow> pinned, List<String> notes) {
        this(tool, recordings, threadTimeNanos, threadTimeSource, activeTimeNanos, activeTimeSource, locks, conditions,
                otherParks, pinned, notes, List.of(), List.of());
    }

    /**
     * One JVM of several: its recordings, its own active thread-time, and the lock its threads waited for most.
     *
     * @param id               {@code J1}, {@code J2}, ... in the order shown: the top lock's share, highest first
     * @param pid              process id, -1 if unknown (then each recording counts as a JVM of its own)
     * @param jvm              JVM name and version, as the recordings' {@code jvm}
     * @param recordings       its files, in the order read
     * @param startEpochNanos  start of its first recording
     * @param spanNanos        from the start of its first recording to the end of its last
     * @param activeTimeNanos  its own active thread-time, defined as the report's: its CPU time plus its lock rows' waits
     *                         (or its live thread-time where a recording has no CPU load events)
     * @param activeTimeSource how {@code activeTimeNanos} was obtained
     * @param lockWaitNanos    the waits of all its lock rows (shown or not)
     * @param topLock          the lock its threads waited for most, or null when they waited for none
     */
    public record JvmRow(String id, long pid, String jvm, List<String> recordings, long startEpochNanos,
                         long spanNanos, long activeTimeNanos, String activeTimeSource, long lockWaitNanos,
                         TopLock topLock) {
    }

    /**
     * A JVM's most waited-for lock.
     *
     * @param rowId               its row in the report's lock ranking, or null when it is not among the rows shown
     * @param identity            class and address, as the row's identity
     * @param site                where its threads waited most
     * @param waitNanos           its total wait
     * @param shareOfJvmActiveTime {@code waitNanos} / the JVM's own {@code activeTimeNanos}
     */
    public record TopLock(String rowId, String family, String lockClass, String identity, String site, long waitNanos,
                          double shareOfJvmActiveTime) {
        /** The class without its package. */
        public String shortClass() {
            return lockClass == null ? "(no blocker)" : lockClass.substring(lockClass.lastIndexOf('.') + 1);
        }
    }

    /** A file that could not be read, and why (the one line a failure prints). */
    public record SkippedFile(String file, String error) {
    }

    /**
     * One file. Thresholds are the recording's own settings: waits shorter than these were not recorded (or, from
     * async-profiler, its lock sampling interval).
     *
     * @param recorder                  who wrote the wait events: "JDK Flight Recorder" or "async-profiler 4.6"
     * @param lockSamplingIntervalNanos async-profiler's {@code lock=} interval when it sampled the waits (one
     *                                  recorded per interval of waiting), -1 when each wait above the thresholds
     *                                  was recorded
     */
    public record RecordingInfo(String file, long bytes, int chunks, boolean truncated, long startEpochNanos,
                                long durationNanos, String jvm, long pid, double meanThreads,
                                java.util.Map<String, String> thresholds,
                                java.util.Map<String, Long> waitEvents, String recorder,
                                long lockSamplingIntervalNanos) {
    }

    /**
     * One lock instance (or, for waits without an instance, one site).
     *
     * @param id            stable within a report: {@code L1}, {@code L2}, ... by rank
     * @param kind          lock, condition, other-park, pinned
     * @param family        {@code monitor} or {@code j.u.c.}
     * @param lockClass     monitor or blocker class (null for a park without blocker)
     * @param address       hex address of the instance, or null
     * @param addressesSeen how many addresses the instance had (the GC moves young objects; see MovedLockMerger)
     * @param sites         where threads waited, most wait first (first application frame)
     * @param waitsCount    waits counted, as {@code waitsCounted} defines them
     * @param totalWaitNanos sum of their durations
     * @param shareOfActiveTime totalWaitNanos / the report's activeTimeNanos (lock rows; NaN for the others)
     * @param shareOfThreadTime totalWaitNanos / the report's threadTimeNanos (condition waits, other parks, pinning:
     *                      mostly idle time, measured against all live threads; NaN for lock rows)
     * @param p50Nanos      median wait (p90, p99 likewise); never above {@code maxNanos}, the longest wait (exact)
     * @param waitingThreads distinct threads that waited ({@code waitingThreadsCapped}: at least that many)
     * @param blockedBy     previous owners of the monitor when a waiter got it (monitor enters only)
     * @param waiters       the waiting threads with the most wait
     * @param histogram     wait-time histogram, power-of-2 buckets
     * @param flame         the waiting stacks, merged root first, with their waits and wait time
     * @param agent         what the lockscope agent measured about this lock, or null (no agent events matched)
     * @param advice        the advisor's verdict (lock rows only; null for other waits)
     * @param waitsCounted  what {@code waitsCount} counts: "recorded waits above the JDK threshold of 20 ms" (parks,
     *                      for jdk.ThreadPark rows), or for a lock only the agent saw, every contended acquisition
     * @param waitsSource   where the waits and their percentiles came from, and whether the percentiles are bounds:
     *                      "measured: jdk.JavaMonitorEnter events", or "sampled: async-profiler ..." when the
     *                      recorder kept one wait per interval of waiting
     * @param waitsSamplingIntervalNanos that interval, -1 when each wait above the thresholds was recorded
     * @param addressesMergedBy how addresses were taken to be one lock: "gc" (a recorded collection between them),
     *                      "reinflation" (a JDK monitor's, made anew after the VM freed it), "succession" (the recording has no GC events: waits at one class and site that followed
     *                      one another), or null (one address)
     * @param holders       what the lock's owners did while others waited (lock rows; null for the others)
     */
    public record LockRow(String id, String kind, String family, String lockClass, String address,
                          int addressesSeen, List<Named> sites, long waitsCount, long totalWaitNanos, double shareOfActiveTime,
                          double shareOfThreadTime,
                          long p50Nanos, long p90Nanos, long p99Nanos, long maxNanos,
                          int waitingThreads, boolean waitingThreadsCapped,
                          List<Named> blockedBy, List<Named> waiters, List<String> sourceEvents,
                          List<String> recordings, List<Bucket> histogram, FlameNode flame,
                          AgentFacts agent, dev.lockscope.advisor.Advice advice, String waitsCounted,
                          String waitsSource, long waitsSamplingIntervalNanos, String addressesMergedBy,
                          HolderProfile holders) {

        /** A row built component by component; see {@link LockRowBuilder} for what is left unset. */
        public static LockRowBuilder builder() {
            return new LockRowBuilder();
        }

        /** A builder holding this row's components, to build a changed copy. */
        public LockRowBuilder toBuilder() {
            return new LockRowBuilder(this);
        }

        /** The same row under another id (ids follow the final ranking). */
        public LockRow withId(String newId) {
            return toBuilder().id(newId).build();
        }

        /** The same row with the advisor's verdict and what its owners did while others waited. */
        public LockRow withAdviceAndHolders(dev.lockscope.advisor.Advice newAdvice, HolderProfile newHolders) {
            return toBuilder().advice(newAdvice).holders(newHolders).build();
        }

        /** Whether only some of the waits were recorded (async-profiler's lock sampling). */
        public boolean waitsSampled() {
            return waitsSamplingIntervalNanos > 0;
        }

        /** Whether this row's share is of active thread-time (lock rows) rather than of live thread-time. */
        public boolean sharesActiveTime() {
            return "lock".equals(kind);
        }

        /** The row's share, of the denominator {@link #sharesActiveTime} names. */
        public double share() {
            return sharesActiveTime() ? shareOfActiveTime : shareOfThreadTime;
        }

        /** "ReentrantLock$NonfairSync@0x7f..." or the site for instance-less rows. */
        public String identity() {
            String cls = lockClass == null ? "(no blocker)" : lockClass;
            return address == null ? cls : cls + "@" + address;
        }

        /** The class without its package, e.g. {@code ReentrantLock$NonfairSync}: the row's name in narrow views. */
        public String shortClass() {
            if (lockClass != null && family.equals("pinned")) {
                return lockClass; // a reason in words, not a class name
            }
            return lockClass == null ? "(no blocker)" : lockClass.substring(lockClass.lastIndexOf('.') + 1);
        }

        public String topSite() {
            return sites.isEmpty() ? "(unknown)" : sites.get(0).name();
        }
    }

    /**
     * What the lockscope agent measured about a lock (dev.lockscope.LockSummary events, added up). Its hold figures are
     * named as {@link dev.lockscope.advisor.HoldBounds} names them, the same in every format and in the advice.
     *
     * @param constructionSite where the lock was created ({@code siteKind} says if it is instead the first
     *                         contended acquisition, or the monitor's class)
     * @param joinedBy         how the agent's lock was matched to this row (or "agent only")
     * @param waits            the agent's own tally of the lock's waits, with what it counts (every contended
     *                         acquisition of a java.util.concurrent lock; for monitors the JDK's events above the
     *                         agent's threshold) and its percentiles (upper bounds, at most {@code maxWaitNanos})
     * @param maxWaitNanos     the longest of those waits
     * @param holds            contended hold spans timed (sampled)
     * @param meanHoldSpanNanos mean contended hold span, -1 when the agent timed none
     * @param maxHoldSpanNanos the longest contended hold span
     * @param readShare        read waits / all waits for read-write locks, -1 otherwise
     * @param ownerOnCpuShare  share of waiting time the owner was on a CPU, -1 without the native probe
     * @param futexCallsPerWait futex calls per contended acquisition, -1 without the native probe
     * @param ownerOnCpuSource the agent's label of {@code ownerOnCpuShare} (measured or sampled), null without it
     * @param runnableThreadsPerCpu runnable threads per CPU while the lock was contended (sampled), -1 when not sampled
     * @param runnableSource   the agent's label of that figure, or why it is missing; null from older agents
     * @param medianHoldSpanNanos median contended hold span (end of its log2 bucket, at most the longest span), an
     *                         upper bound of the median hold; -1 when the agent wrote no hold histogram
     * @param holdFromWaitsNanos hold estimated from waits: twice the agent's median wait (java.util.concurrent locks
     *                         only), -1 where it does not apply
     * @param holdSpansTotalNanos the sum of the timed contended hold spans (their mean is {@code meanHoldSpanNanos})
     * @param ownerOffCpuNanos wait time during which the owner was off a CPU, of the waits whose owner's CPU time the
     *                         native probe measured (the weight behind {@code ownerOnCpuShare}); -1 without the probe
     */
    public record AgentFacts(String constructionSite, String siteKind, long lockId, String source, String joinedBy,
                             dev.lockscope.advisor.Waits waits, long maxWaitNanos, long holds, long meanHoldSpanNanos,
                             long maxHoldSpanNanos, double readShare, double ownerOnCpuShare, double futexCallsPerWait,
                             List<Named> owners, long conditionWaits, String ownerOnCpuSource,
                             double runnableThreadsPerCpu, String runnableSource, long medianHoldSpanNanos,
                             long holdFromWaitsNanos, long holdSpansTotalNanos, long ownerOffCpuNanos) {
    }

    /** A name with how many waits and how much wait time it accounts for. */
    public record Named(String name, long count, long nanos) {
    }

    /**
     * Waits in [lowNanos, highNanos).
     *
     * @param waitNanos the bucket's wait time, estimated from the histogram: each wait taken at the middle of its
     *                  1%-wide histogram step (at most the row's longest wait); shown in the HTML, not in the JSON
     */
    public record Bucket(long lowNanos, long highNanos, long count, long waitNanos) {
    }

    /**
     * A node of a row's waiting stacks, merged root first: the whole tree the analyzer kept (at most
     * {@link dev.lockscope.analyzer.aggregate.StackTrie#MAX_NODES} nodes per lock), which the pprof and collapsed
     * formats export; the JSON and HTML flame graphs show {@link #forDisplay()}.
     *
     * @param name     the frame as a stack trace prints it ({@code all} at the root)
     * @param frame    the frame, null at the root
     * @param count    waits whose stack passes through this node
     * @param nanos    their wait time
     * @param cutCount waits whose stack went deeper but was cut here because the lock's tree was full
     * @param cutNanos their wait time
     */
    public record FlameNode(String name, dev.lockscope.analyzer.model.Frame frame, long count, long nanos,
                            long cutCount, long cutNanos, List<FlameNode> children) {
        /** Frames under this share of the lock's wait are left out of the flame graph (keeps HTML small). */
        static final double DISPLAY_MIN_SHARE = 0.002;
        static final int DISPLAY_MAX_DEPTH = 128;

        /** A node with only a name and its wait time (no frame, counts or cuts): for display-only trees. */
        public FlameNode(String name, long nanos, List<FlameNode> children) {
            this(name, null, 0, nanos, 0, 0, children);
        }

        /** The root of a row without stacks (a lock only the agent saw). */
        public static FlameNode none() {
            return new FlameNode("all", null, 0, 0, 0, 0, List.of());
        }

        /** The flame graph JSON and HTML show: frames of at least 0.2% of the lock's wait, 128 levels deep. */
        public FlameNode forDisplay() {
            return pruned(this, nanos, 0);
        }

        private static FlameNode pruned(FlameNode n, long total, int depth) {
            List<FlameNode> kept = new java.util.ArrayList<>();
            if (depth < DISPLAY_MAX_DEPTH) {
                for (FlameNode c : n.children) {
                    if (c.nanos >= total * DISPLAY_MIN_SHARE) {
                        kept.add(pruned(c, total, depth + 1));
                    }
                }
            }
            return new FlameNode(n.name, n.frame, n.count, n.nanos, n.cutCount, n.cutNanos, kept);
        }
    }
}
