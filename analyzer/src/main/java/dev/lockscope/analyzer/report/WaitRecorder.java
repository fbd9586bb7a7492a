package dev.lockscope.analyzer.report;

import dev.lockscope.advisor.Durations;
import dev.lockscope.analyzer.aggregate.RecordingFacts;
import dev.lockscope.analyzer.classify.WaitClassifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who wrote a recording's wait events and which waits that leaves out. The JDK records every wait above an event's
 * threshold. async-profiler's lock mode writes the same event types ({@code jdk.JavaMonitorEnter},
 * {@code jdk.ThreadPark}) with its own metadata; its {@code lock=} setting is kept as the {@code lock} setting of
 * {@code jdk.JavaMonitorEnter} and its version as the {@code version} setting of {@code jdk.ActiveRecording}. From
 * version 4.0 that setting is a sampling interval: one counter adds up every contended wait of every lock, and the
 * wait that carries it past another interval is recorded with its own duration, so long waits are recorded more
 * often than short ones and most waits shorter than the interval are not recorded at all. 0 records every
 * contended wait. Before 4.0 it was a threshold, as the JDK's. Parks are recorded only when their blocker is a
 * {@code ReentrantLock}, {@code ReentrantReadWriteLock} or {@code Semaphore}; {@code Object.wait} and pinning never.
 *
 * @param name              "JDK Flight Recorder" or "async-profiler 4.6"
 * @param mode              how its lock events were chosen
 * @param lockIntervalNanos async-profiler's {@code lock=} in ns (its interval or threshold), -1 for the JDK
 */
record WaitRecorder(String name, Mode mode, long lockIntervalNanos) {

    /** How the recorder chose which waits to write. */
    enum Mode {
        /** The JDK: every wait above the event's threshold. */
        JFR,
        /** async-profiler 4.0+: one wait per interval of waiting, all locks together. */
        SAMPLED,
        /** async-profiler 4.0+ with {@code lock=0}: every contended wait. */
        EVERY_WAIT,
        /** async-profiler before 4.0: every wait of at least {@code lock=}. */
        THRESHOLD
    }

    static final String JFR_NAME = "JDK Flight Recorder";
    private static final String AP_PARKS = "ReentrantLock, ReentrantReadWriteLock and Semaphore only";

    static WaitRecorder of(RecordingFacts f) {
        String version = f.setting("jdk.ActiveRecording", "version");
        String lock = f.setting(WaitClassifier.MONITOR_ENTER, "lock");
        // The JDK writes neither: "version" and "engine" of jdk.ActiveRecording are async-profiler's own settings.
        if (version == null || f.setting("jdk.ActiveRecording", "engine") == null) {
            return new WaitRecorder(JFR_NAME, Mode.JFR, -1);
        }
        String name = "async-profiler " + version;
        long interval = parseLong(lock);
        if (interval < 0) {
            return new WaitRecorder(name, Mode.JFR, -1); // lock mode was off: its events are disabled, as the JDK's
        }
        Mode mode = major(version) > 0 && major(version) < 4 ? Mode.THRESHOLD : interval <= 1 ? Mode.EVERY_WAIT
                : Mode.SAMPLED;
        return new WaitRecorder(name, mode, interval);
    }

    boolean sampled() {
        return mode == Mode.SAMPLED;
    }

    /**
     * Where a row's waits (count, total, percentiles) came from when this recorder is not the JDK: the advice's first
     * evidence line and the reports say it in these words. Null for the JDK's own events.
     */
    String waitsSource() {
        switch (mode) {
            case SAMPLED:
                return "sampled: " + name + " lock=" + lockArgument() + ", one wait recorded per "
                        + Durations.format(lockIntervalNanos) + " of waiting, all locks together";
            case EVERY_WAIT:
                return "measured: " + name + " lock=" + lockArgument() + ", every contended wait";
            case THRESHOLD:
                return "measured: " + name + " wait events of " + Durations.format(lockIntervalNanos)
                        + " and longer (lock=" + lockArgument() + ")";
            default:
                return null; // the JDK's own events: what they count is their threshold (RecordedWaits)
        }
    }

    /** Per wait event type, which of its waits are in the recording: the report's "recorded waits from" line. */
    Map<String, String> thresholds(RecordingFacts f, List<String> types) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String type : types) {
            String enabled = f.setting(type, "enabled");
            if ("false".equals(enabled)) {
                out.put(type, "disabled");
            } else if (mode != Mode.JFR) {
                out.put(type, foreignThreshold(type));
            } else {
                String threshold = f.setting(type, "threshold");
                out.put(type, "absent".equals(enabled) ? "not in this JVM" : threshold == null ? "unknown" : threshold);
            }
        }
        return out;
    }

    private String foreignThreshold(String type) {
        boolean park = type.equals(WaitClassifier.THREAD_PARK);
        if (!park && !type.equals(WaitClassifier.MONITOR_ENTER)) {
            return "not recorded by async-profiler";
        }
        String setting = name + " lock=" + lockArgument() + (park ? "; " + AP_PARKS : "");
        switch (mode) {
            case SAMPLED:
                return "sampled: 1 wait per " + Durations.format(lockIntervalNanos) + " of waiting (" + setting + ")";
            case EVERY_WAIT:
                return "every contended wait (" + setting + ")";
            default:
                return Durations.format(lockIntervalNanos) + " (" + setting + ")";
        }
    }

    /** The interval as async-profiler's own option would say it: 10us, 1ms, 0. */
    String lockArgument() {
        long n = lockIntervalNanos;
        if (n == 0) {
            return "0";
        }
        if (n % 1_000_000_000L == 0) {
            return n / 1_000_000_000L + "s";
        }
        if (n % 1_000_000L == 0) {
            return n / 1_000_000L + "ms";
        }
        return n % 1_000L == 0 ? n / 1_000L + "us" : n + "ns";
    }

    private static int major(String version) {
        int end = 0;
        while (end < version.length() && Character.isDigit(version.charAt(end))) {
            end++;
        }
        return end == 0 || end > 6 ? -1 : Integer.parseInt(version.substring(0, end));
    }

    private static long parseLong(String s) {
        if (s == null) {
            return -1;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
