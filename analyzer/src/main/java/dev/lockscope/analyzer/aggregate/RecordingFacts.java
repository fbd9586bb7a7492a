package dev.lockscope.analyzer.aggregate;

import dev.lockscope.analyzer.read.ChunkLayout;
import dev.lockscope.events.LockSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What one recording file says about itself, besides its waits. */
public final class RecordingFacts {
    private final ChunkLayout layout;
    private final Map<String, Map<String, String>> settings = new TreeMap<>();
    private final Map<String, long[]> eventCounts = new java.util.HashMap<>();
    private long lastThreadId = Long.MIN_VALUE;
    private java.util.Set<Long> threadIds = new java.util.HashSet<>();
    /** How many {@link #threadIds} held once they were let go ({@link #compact}), else -1. */
    private int waitingThreadsCompacted = -1;
    private final List<Long> gcEnds = new ArrayList<>();
    private final TimeWeightedMean liveThreads = new TimeWeightedMean();
    private long maxThreads;
    private long clippedWaits;
    private long clippedNanos;
    private final TimeWeightedMean cpuLoad = new TimeWeightedMean();
    private long hwThreads = -1;
    private String jvmName;
    private String jvmVersion;
    private long pid = -1;
    private long jvmStartNanos;
    /** Virtual threads seen (distinct ids up to a bound), and events of each type that showed one. */
    private final java.util.Set<Long> virtualThreadIds = new java.util.HashSet<>();
    private final Map<String, long[]> virtualEvents = new TreeMap<>();
    private final java.util.Set<Long> carrierThreadIds = new java.util.HashSet<>();
    private long agentVirtualWaits;
    private String agentVirtualThreadMonitors;

    public RecordingFacts(ChunkLayout layout) {
        this.layout = layout;
    }

    synchronized void setting(String eventType, String name, String value) {
        settings.computeIfAbsent(eventType, k -> new TreeMap<>()).put(name, value);
    }

    synchronized void threadCount(long timeNanos, long active) {
        if (active >= 0) {
            liveThreads.add(timeNanos, active);
            maxThreads = Math.max(maxThreads, active);
        }
    }

    /** A wait that began before the recording: {@code nanos} of it fell before the start and were left out. */
    synchronized void clipped(long nanos) {
        clippedWaits++;
        clippedNanos += nanos;
    }

    /** Waits that began before the recording started (only their part inside it is counted). */
    public synchronized long clippedWaits() {
        return clippedWaits;
    }

    /** The time those waits had spent before the recording started, left out. */
    public synchronized long clippedNanos() {
        return clippedNanos;
    }

    synchronized void cpuLoad(long timeNanos, double jvmUser, double jvmSystem) {
        if (jvmUser >= 0 && jvmSystem >= 0) {
            cpuLoad.add(timeNanos, Math.min(1, jvmUser + jvmSystem));
        }
    }

    synchronized void cpuCount(long hwThreads) {
        if (hwThreads > 0) {
            this.hwThreads = hwThreads;
        }
    }

    /**
     * The JVM's CPU time over the recording: its mean CPU load ({@code jdk.CPULoad}, a fraction of all CPUs, each
     * sample weighted by the period it reports on) x the hardware threads ({@code jdk.CPUInformation}) x the duration;
     * -1 when either event is missing.
     */
    public synchronized long cpuNanos() {
        if (cpuLoad.count() == 0 || hwThreads <= 0) {
            return -1;
        }
        return (long) (cpuLoad.mean(layout.startNanos()) * hwThreads * durationNanos());
    }

    /** CPU load samples read, for the report's source line. */
    public synchronized long cpuSamples() {
        return cpuLoad.count();
    }

    synchronized void garbageCollection(long endNanos) {
        gcEnds.add(endNanos);
    }

    /**
     * Whether the recorder could write garbage collections: false when {@code jdk.GarbageCollection} is not in the
     * recording's metadata (async-profiler declares none) or was disabled, and none was read. Then a lock the GC
     * moved cannot be told apart from another lock by the collections between its addresses.
     */
    public synchronized boolean gcEventsRecordable() {
        if (!gcEnds.isEmpty()) {
            return true;
        }
        String enabled = setting(dev.lockscope.analyzer.read.RecordingVisitor.GARBAGE_COLLECTION, "enabled");
        return !"absent".equals(enabled) && !"false".equals(enabled);
    }

    /** When each recorded garbage collection ended, epoch ns, in no particular order. */
    public synchronized List<Long> gcEnds() {
        return new ArrayList<>(gcEnds);
    }

    synchronized void jvm(String name, String version, long pid, long startNanos) {
        this.jvmName = name;
        this.jvmVersion = version;
        this.pid = pid;
        this.jvmStartNanos = startNanos;
    }

    /** Counts one event; called per event under the aggregator's lock, so it takes none of its own. */
    void countWaitEvent(String type, long threadId) {
        long[] n = eventCounts.get(type);
        if (n == null) {
            n = new long[1];
            eventCounts.put(type, n);
        }
        n[0]++;
        // Consecutive events often come from one thread: skip the boxing and hashing then.
        if (threadId != lastThreadId && threadIds.size() < LockStats.MAX_THREADS_TRACKED) {
            threadIds.add(threadId);
            lastThreadId = threadId;
        }
    }

    /** A thread marked virtual in an event of {@code type}. */
    synchronized void virtualThreadSeen(long javaThreadId, String type) {
        virtualEvents.computeIfAbsent(type, k -> new long[1])[0]++;
        if (virtualThreadIds.size() < LockStats.MAX_THREADS_TRACKED) {
            virtualThreadIds.add(javaThreadId);
        }
    }

    synchronized void carrierThreadSeen(long javaThreadId) {
        if (carrierThreadIds.size() < LockStats.MAX_THREADS_TRACKED) {
            carrierThreadIds.add(javaThreadId);
        }
    }

    /** Distinct carrier threads of the JDK's virtual-thread scheduler seen. */
    public synchronized int carrierThreads() {
        return carrierThreadIds.size();
    }

    /** Distinct virtual threads seen (counted up to a bound). */
    public synchronized int virtualThreads() {
        return virtualThreadIds.size();
    }

    /** Events of {@code type} whose thread was virtual. */
    public synchronized long virtualEvents(String type) {
        long[] n = virtualEvents.get(type);
        return n == null ? 0 : n[0];
    }

    synchronized void agentVirtualWaits(long n) {
        agentVirtualWaits += n;
    }

    /** Waits of virtual threads the agent counted (its LockSummary events' virtualWaits). */
    public synchronized long agentVirtualWaits() {
        return agentVirtualWaits;
    }

    synchronized void agentVirtualThreadMonitors(String status) {
        agentVirtualThreadMonitors = status;
    }

    /** The agent's last word on virtual threads' monitor waits (timed, or not and why); null from older agents or none. */
    public synchronized String agentVirtualThreadMonitors() {
        return agentVirtualThreadMonitors;
    }

    /** Whether the lockscope agent wrote into this recording. */
    public synchronized boolean hasAgentEvents() {
        return eventCounts.containsKey(LockSummary.NAME) || agentVirtualThreadMonitors != null;
    }

    /** Distinct threads seen waiting (counted up to a bound). */
    public synchronized int waitingThreads() {
        return waitingThreadsCompacted >= 0 ? waitingThreadsCompacted : threadIds.size();
    }

    /** Once the recording is read: keeps the number of waiting threads, not their ids. */
    synchronized void compact() {
        if (waitingThreadsCompacted < 0) {
            waitingThreadsCompacted = threadIds.size();
            threadIds = java.util.Set.of();
        }
    }

    public ChunkLayout layout() {
        return layout;
    }

    public long durationNanos() {
        return Math.max(0, layout.endNanos() - layout.startNanos());
    }

    /**
     * Takes the settings {@code previous} (the recording before this one, of its JVM, right before it) has and this one
     * does not say: a JVM writes some only at its recording's start, so its later files and parts lack them.
     */
    synchronized void inheritSettings(RecordingFacts previous) {
        Map<String, Map<String, String>> theirs;
        synchronized (previous) {
            theirs = new TreeMap<>();
            previous.settings.forEach((type, m) -> theirs.put(type, new TreeMap<>(m)));
        }
        theirs.forEach((type, m) -> {
            Map<String, String> mine = settings.computeIfAbsent(type, k -> new TreeMap<>());
            m.forEach(mine::putIfAbsent);
        });
    }

    /** A recording's setting for an event type, e.g. {@code threshold} of {@code jdk.ThreadPark}, or null. */
    public synchronized String setting(String eventType, String name) {
        Map<String, String> m = settings.get(eventType);
        return m == null ? null : m.get(name);
    }

    public synchronized Map<String, Long> waitEventsByType() {
        Map<String, Long> m = new TreeMap<>();
        eventCounts.forEach((k, v) -> m.put(k, v[0]));
        return m;
    }

    /** Mean live Java threads from {@code jdk.JavaThreadStatistics} (time-weighted), or -1 when the recording has none. */
    public synchronized double meanThreads() {
        return liveThreads.count() == 0 ? -1 : liveThreads.mean(layout.startNanos());
    }

    public synchronized long maxThreads() {
        return maxThreads;
    }

    public synchronized String jvmName() {
        return jvmName;
    }

    public synchronized String jvmVersion() {
        return jvmVersion;
    }

    public synchronized long pid() {
        return pid;
    }

    public synchronized long jvmStartNanos() {
        return jvmStartNanos;
    }
}
