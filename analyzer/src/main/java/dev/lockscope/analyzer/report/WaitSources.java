package dev.lockscope.analyzer.report;

import dev.lockscope.analyzer.aggregate.LockStats;
import dev.lockscope.analyzer.aggregate.RecordingFacts;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Where each row's waits came from, by the recorders of the files they were read from ({@link WaitRecorder}). */
final class WaitSources {
    private final Map<String, WaitRecorder> byFile = new HashMap<>();

    WaitSources(List<RecordingFacts> recordings) {
        for (RecordingFacts f : recordings) {
            byFile.put(f.layout().path().getFileName().toString(), WaitRecorder.of(f));
        }
    }

    /** What a row of another recorder's waits counts. */
    static final String COUNTED = "waits async-profiler recorded";

    /**
     * Where the row's waits came from when another recorder than the JDK wrote them ({@link WaitRecorder#waitsSource};
     * several, joined, in the rare row read from different recorders), or null for the JDK's own events.
     */
    String source(LockStats s) {
        Set<String> sources = new LinkedHashSet<>();
        for (String file : s.recordings()) {
            WaitRecorder r = byFile.get(file);
            if (r != null && r.waitsSource() != null) {
                sources.add(r.waitsSource());
            }
        }
        return sources.isEmpty() ? null : String.join("; ", sources);
    }

    /** The sampling interval of the row's waits, -1 when each of its waits above a threshold was recorded. */
    long samplingIntervalNanos(LockStats s) {
        long interval = -1;
        for (String file : s.recordings()) {
            WaitRecorder r = byFile.get(file);
            if (r != null && r.sampled()) {
                interval = Math.max(interval, r.lockIntervalNanos());
            }
        }
        return interval;
    }
}
