package dev.lockscope.analyzer.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The planted lock's figures recomputed from the recording with the JDK's own reader, independently of the
 * analyzer: what the advice quotes must equal these.
 */
final class RecordedFigures {
    long holds;
    long holdNanos;
    long maxHoldNanos;
    long maxWaitNanos;
    final long[] histogram = new long[64];
    final long[] holdHistogram = new long[64];
    boolean holdHistogramSeen;
    double onCpuWeighted;
    long onCpuWeight;
    double runnableWeighted;
    long runnableWeight;
    long futexCalls;
    long futexWaits;
    long waits;
    /** Waits (JDK park / monitor-enter events) at read-only and at classified sites of the example's classes. */
    long readOnlyWaits;
    long classifiedWaits;
    boolean probeAvailable;
    /** Whether this agent's LockSummary events carry runnable threads per CPU at all. */
    boolean runnableRecorded;
    String probeReason = "";

    /** Reads the agent's summaries of the lock built at {@code constructionSite}, and the waits in {@code exampleClass}. */
    static RecordedFigures of(Path jfr, String constructionSite, String exampleClass) throws IOException {
        RecordedFigures f = new RecordedFigures();
        List<RecordedEvent> events = RecordingFile.readAllEvents(jfr);
        Map<String, Boolean> sections = new HashMap<>();
        // The agent's summaries of the planted lock: of the locks named by that site, the one with most waits.
        Map<Long, List<RecordedEvent>> summaries = new HashMap<>();
        Map<Long, Long> waitsById = new HashMap<>();
        for (RecordedEvent e : events) {
            if (e.getEventType().getName().equals("dev.lockscope.LockSummary") && e.getString("site") != null
                    && e.getString("site").startsWith(constructionSite)) {
                summaries.computeIfAbsent(e.getLong("lockId"), k -> new java.util.ArrayList<>()).add(e);
                waitsById.merge(e.getLong("lockId"), e.getLong("waits"), Long::sum);
            }
            if (e.getEventType().getName().equals("dev.lockscope.CriticalSection")) {
                sections.merge(e.getString("className") + "." + e.getString("method") + ":" + e.getInt("line"),
                        e.getBoolean("readOnly"), Boolean::logicalAnd);
            }
        }
        for (RecordedEvent e : events) {
            switch (e.getEventType().getName()) {
                case "dev.lockscope.ProbeStatus" -> {
                    f.probeAvailable |= e.getBoolean("available");
                    if (!e.getBoolean("available")) {
                        f.probeReason = e.getString("reason");
                    }
                }
                case "jdk.ThreadPark", "jdk.JavaMonitorEnter" -> {
                    String site = appSite(e.getStackTrace());
                    if (site != null && site.startsWith(exampleClass + ".")) {
                        Boolean readOnly = sections.get(site);
                        if (readOnly != null) {
                            f.classifiedWaits++;
                            if (readOnly) {
                                f.readOnlyWaits++;
                            }
                        }
                    }
                }
                default -> { }
            }
        }
        waitsById.entrySet().stream().max(Map.Entry.comparingByValue())
                .ifPresent(top -> summaries.get(top.getKey()).forEach(f::add));
        return f;
    }

    private void add(RecordedEvent e) {
        waits += e.getLong("waits");
        holds += e.getLong("holds");
        holdNanos += e.getLong("holdTime");
        maxHoldNanos = Math.max(maxHoldNanos, e.getLong("maxHold"));
        maxWaitNanos = Math.max(maxWaitNanos, e.getLong("maxWait"));
        addCounts(histogram, e.getString("waitHistogram"));
        if (e.hasField("holdHistogram") && e.getString("holdHistogram") != null) {
            holdHistogramSeen = true;
            addCounts(holdHistogram, e.getString("holdHistogram"));
        }
        double share = e.getDouble("ownerOnCpuShare");
        long weight = e.getLong("ownerMeasuredWaitTime");
        if (share >= 0 && weight > 0) {
            onCpuWeighted += share * weight;
            onCpuWeight += weight;
        }
        runnableRecorded |= e.hasField("runnableThreadsPerCpu");
        // Runnable threads per CPU, weighted by each period's wait time (as the analyzer adds them up).
        if (e.hasField("runnableThreadsPerCpu") && e.getDouble("runnableThreadsPerCpu") >= 0 && e.getLong("waitTime") > 0) {
            runnableWeighted += e.getDouble("runnableThreadsPerCpu") * e.getLong("waitTime");
            runnableWeight += e.getLong("waitTime");
        }
        if (e.getLong("futexCalls") >= 0) {
            futexCalls += e.getLong("futexCalls");
            futexWaits += e.getLong("futexWaits");
        }
    }

    private static void addCounts(long[] into, String h) {
        if (h != null && !h.isBlank()) {
            String[] counts = h.split(",");
            for (int i = 0; i < Math.min(64, counts.length); i++) {
                into[i] += Long.parseLong(counts[i].trim());
            }
        }
    }

    /** The first frame outside the JDK and the agent: where the program asked for the lock. */
    static String appSite(RecordedStackTrace st) {
        if (st == null) {
            return null;
        }
        for (RecordedFrame fr : st.getFrames()) {
            String cls = fr.getMethod().getType().getName();
            if (!(cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("sun.")
                    || cls.startsWith("dev.lockscope.agent."))) {
                return cls + "." + fr.getMethod().getName() + ":" + fr.getLineNumber();
            }
        }
        return null;
    }

    /**
     * The contended hold span the analyzer quotes: the end of the log2 bucket holding the median span (at most the
     * longest span) when the agent wrote span histograms, else the mean span; -1 without holds.
     */
    long holdSpanNanos() {
        long total = 0;
        for (long c : holdHistogram) {
            total += c;
        }
        if (holdHistogramSeen && total > 0) {
            long seen = 0;
            for (int i = 0; i < 64; i++) {
                seen += holdHistogram[i];
                if (seen * 2 >= total) {
                    return Math.min(1L << (i + 1), maxHoldNanos);
                }
            }
        }
        return holds == 0 ? -1 : holdNanos / holds;
    }

    /** End of the log2 bucket holding the median wait, at most the longest wait. */
    long medianWaitUpperBound() {
        long total = 0;
        for (long c : histogram) {
            total += c;
        }
        long rank = (long) Math.ceil(total * 0.5);
        long seen = 0;
        for (int i = 0; i < 64; i++) {
            seen += histogram[i];
            if (seen >= rank && total > 0) {
                return Math.min(1L << (i + 1), maxWaitNanos);
            }
        }
        return 0;
    }

    /** The hold the analyzer must quote: the span, or twice the median wait where that is smaller. */
    long typicalHoldNanos() {
        long bound = 2 * medianWaitUpperBound();
        long span = holdSpanNanos();
        return span >= 0 && span <= bound ? span : bound;
    }

    /** What that hold figure is called, in the advice as in every report. */
    String typicalHoldName() {
        long bound = 2 * medianWaitUpperBound();
        long span = holdSpanNanos();
        if (span >= 0 && span <= bound) {
            return holdHistogramSeen ? "median contended hold span" : "mean contended hold span";
        }
        return "hold estimated from waits";
    }

    double ownerOnCpuShare() {
        return onCpuWeight == 0 ? -1 : onCpuWeighted / onCpuWeight;
    }

    double runnablePerCpu() {
        return runnableWeight == 0 ? -1 : runnableWeighted / runnableWeight;
    }

    double futexPerWait() {
        return futexWaits == 0 ? -1 : (double) futexCalls / futexWaits;
    }

    double readShare() {
        return classifiedWaits == 0 ? -1 : (double) readOnlyWaits / classifiedWaits;
    }
}
