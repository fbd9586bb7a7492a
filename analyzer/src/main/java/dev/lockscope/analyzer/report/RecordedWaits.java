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

    RecordedWaits(List<RecordingFacts> recordings) {
        this.recordings = recordings;
    }

    /** The row's waits with what they count. */
    Waits of(LockStats s) {
        String types = String.join(", ", s.sources());
        return Waits.recorded(s.count(), s.totalNanos(), s.percentileNanos(50), s.percentileNanos(99), types,
                thresholds(s.sources()));
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
