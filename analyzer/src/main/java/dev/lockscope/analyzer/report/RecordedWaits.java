package dev.lockscope.analyzer.report;

import dev.lockscope.advisor.Waits;
import dev.lockscope.analyzer.aggregate.LockStats;
import dev.lockscope.analyzer.aggregate.RecordingFacts;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a row's recorded waits count: JFR keeps a wait event only above its type's threshold, so a row's count is
 * "recorded waits above the JDK threshold of 20 ms" (the thresholds of its event types in the recordings read), the
 * same phrase in the text, JSON and HTML reports and in the advice.
 */
final class RecordedWaits {
    private final List<RecordingFacts> recordings;
    private final WaitSources recorders;

    RecordedWaits(List<RecordingFacts> recordings, WaitSources recorders) {
        this.recordings = recordings;
        this.recorders = recorders;
    }

    /**
     * The row's waits with what they count. Waits another recorder wrote into JDK event types (async-profiler's lock
     * mode) say so: which waits it kept is its rule (its lock= interval), not the JDK's threshold.
     */
    Waits of(LockStats s) {
        String recorder = recorders.source(s);
        if (recorder != null) {
            return new Waits(s.count(), s.totalNanos(), s.percentileNanos(50), s.percentileNanos(99),
                    WaitSources.COUNTED, recorder, false);
        }
        String types = String.join(", ", s.sources());
        return Waits.recorded(s.count(), s.totalNanos(), s.percentileNanos(50), s.percentileNanos(99), types,
                thresholds(s.sources()));
    }

    /** The sampling interval of the row's waits, -1 when each of its waits above a threshold was recorded. */
    long samplingIntervalNanos(LockStats s) {
        return recorders.samplingIntervalNanos(s);
    }

    /** "20 ms", "10 ms or 20 ms (by recording)", or "unknown (...)": the thresholds of these event types. */
    String thresholds(Set<String> eventTypes) {
        Set<String> seen = new TreeSet<>();
        boolean unknown = false;
        for (RecordingFacts f : recordings) {
            for (String type : eventTypes) {
                String t = f.setting(type, "threshold");
                if (t == null) {
                    unknown = true;
                } else {
                    seen.add(t);
                }
            }
        }
        if (seen.isEmpty()) {
            return "unknown (the recording does not list it)";
        }
        String joined = String.join(" or ", seen);
        return seen.size() > 1 || unknown ? joined + " (by recording)" : joined;
    }
}
