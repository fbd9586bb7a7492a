package dev.lockscope.advisor;

/**
 * One tally of a lock's waits: how many, their total, median and 99th percentile, and what was counted. Tallies of
 * the same lock differ by what they count, often several times over: JFR wait events hold only the waits above the
 * JDK's threshold, while the agent's hooks count every contended acquisition of a java.util.concurrent lock, however
 * short. So a count always travels with its definition ({@link #counted}) and is never quoted without it.
 *
 * @param count       waits counted; -1 for no tally ({@link #NONE})
 * @param totalNanos  their total duration
 * @param p50Nanos    median wait (an upper bound where {@code bounded})
 * @param p99Nanos    99th percentile wait (likewise)
 * @param counted     what was counted, e.g. "recorded waits above the JDK threshold of 20 ms"
 * @param origin      where the tally came from, e.g. "measured: agent hooks"
 * @param bounded     whether the percentiles are upper bounds ({@link Log2Percentiles}) rather than values
 */
public record Waits(long count, long totalNanos, long p50Nanos, long p99Nanos, String counted, String origin,
                    boolean bounded) {

    /** What the agent's hooks count for a java.util.concurrent lock. */
    public static final String EVERY_CONTENDED = "contended acquisitions the agent saw (every one, however short)";
    /** What the agent counts for a monitor: it reads the JDK's own events, so it too misses the short waits. */
    public static final String AGENT_MONITOR_EVENTS = "monitor waits the agent read from the JDK's "
            + "jdk.JavaMonitorEnter events (above its monitorThreshold option, 1 ms unless set)";
    /** What the agent counts for a monitor virtual threads waited on (JDK 24+): it times them itself, as they unmount. */
    public static final String AGENT_VIRTUAL_MONITOR = "monitor waits of virtual threads the agent timed (every one that"
            + " unmounted, however short)";
    /** A monitor both kinds of thread waited on: the two counts differ in what they keep. */
    public static final String AGENT_MIXED_MONITOR = "monitor waits: platform threads' from the JDK's jdk.JavaMonitorEnter"
            + " events (above the agent's monitorThreshold option, 1 ms unless set), virtual threads' every one that unmounted";
    /** How the agent's percentiles are made. */
    static final String BUCKET_PERCENTILES = "percentiles are ends of log2 buckets, at most the longest wait";

    /** No tally: the lock was not seen this way. */
    public static final Waits NONE = new Waits(-1, 0, 0, 0, "no tally", "missing", false);

    /**
     * Waits recorded as JFR events of {@code eventTypes}, whose threshold(s) {@code thresholds} says
     * ("20 ms"; "unknown" when the recording does not tell). A jdk.ThreadPark event is one park, and an acquisition
     * parks again when it is woken but loses the lock, so such a count can even pass the agent's.
     */
    public static Waits recorded(long count, long totalNanos, long p50Nanos, long p99Nanos, String eventTypes,
                                 String thresholds) {
        String counted = "jdk.ThreadPark".equals(eventTypes)
                ? "recorded parks above the JDK threshold of " + thresholds + " (an acquisition may park more than once)"
                : "recorded waits above the JDK threshold of " + thresholds;
        return new Waits(count, totalNanos, p50Nanos, p99Nanos, counted, "measured: " + eventTypes + " events", false);
    }

    /** The agent's own tally of a lock; {@code monitor} when it came from the JDK's monitor events. */
    public static Waits agent(long count, long totalNanos, long p50UpperBound, long p99UpperBound, boolean monitor) {
        return new Waits(count, totalNanos, p50UpperBound, p99UpperBound,
                monitor ? AGENT_MONITOR_EVENTS : EVERY_CONTENDED,
                monitor ? "measured: the agent's jdk.JavaMonitorEnter stream" : "measured: agent hooks", true);
    }

    /**
     * The agent's tally of a monitor, {@code virtualWaits} of whose {@code count} waits were virtual threads' it timed
     * itself (JDK 24+), the rest read from the JDK's monitor events.
     */
    public static Waits agentMonitor(long count, long totalNanos, long p50UpperBound, long p99UpperBound, long virtualWaits) {
        if (virtualWaits <= 0) {
            return agent(count, totalNanos, p50UpperBound, p99UpperBound, true);
        }
        boolean all = virtualWaits >= count;
        return new Waits(count, totalNanos, p50UpperBound, p99UpperBound, all ? AGENT_VIRTUAL_MONITOR : AGENT_MIXED_MONITOR,
                all ? "measured: agent hooks in java.lang.VirtualThread"
                        : "measured: the agent's jdk.JavaMonitorEnter stream and its hooks in java.lang.VirtualThread", true);
    }

    /** The same tally from another origin (e.g. "sampled: async-profiler 4.6 lock=10us, ..."). */
    public Waits withOrigin(String newOrigin) {
        return new Waits(count, totalNanos, p50Nanos, p99Nanos, counted, newOrigin, bounded);
    }

    public boolean known() {
        return count >= 0;
    }

    /** "1800 contended acquisitions the agent saw (every one, however short), 2.30 s in total". */
    public String countAndTotal() {
        return count + " " + counted + ", " + Durations.format(totalNanos) + " in total";
    }

    /** "wait p50 25.0 us, p99 80.0 us", or with "at most" where they are upper bounds. */
    public String percentiles() {
        String bound = bounded ? "at most " : "";
        return "wait p50 " + bound + Durations.format(p50Nanos) + ", p99 " + bound + Durations.format(p99Nanos);
    }

    /** "measured: agent hooks; percentiles are ends of log2 buckets, at most the longest wait". */
    public String source() {
        return origin + (bounded ? "; " + BUCKET_PERCENTILES : "");
    }

    /** {@link #source} in parentheses, as evidence ends. */
    public String provenance() {
        return "(" + source() + ")";
    }
}
