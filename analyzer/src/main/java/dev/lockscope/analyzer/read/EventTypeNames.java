package dev.lockscope.analyzer.read;

import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordingFile;

/**
 * Event type id to name, from the recording's metadata. {@code jdk.ActiveSetting} events name their event type
 * by id only, and JMC's parser does not resolve it for a custom sink; the JDK's reader does, from metadata alone.
 */
final class EventTypeNames {
    private EventTypeNames() {
    }

    /**
     * The maps of the last few files asked about. The JDK's reader reads the metadata of every chunk of the file, and
     * a large recording is read in parts of a few chunks each: asking once per part made reading a file cost its parts
     * times its chunks (a second of CPU over a 946 MB file of 43 chunks, and growing with the square of its size).
     */
    static final class Recent {
        private static final int FILES = 4;
        /** By file and size (a file rewritten since is asked again). */
        private final Map<List<Object>, Map<Long, String>> byFile =
                new java.util.LinkedHashMap<>(FILES * 2, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<List<Object>, Map<Long, String>> eldest) {
                        return size() > FILES;
                    }
                };

        /** As {@link EventTypeNames#of}, read once per file while it is among the last few asked about. */
        synchronized Map<Long, String> of(ChunkLayout layout) {
            if (layout.truncated()) {
                return EventTypeNames.of(layout);
            }
            return byFile.computeIfAbsent(List.of(layout.path(), layout.fileSize()), k -> Collections.unmodifiableMap(
                    EventTypeNames.of(layout)));
        }
    }

    /** The map, or an empty one when the metadata cannot be read (settings then show as unknown). */
    static Map<Long, String> of(ChunkLayout layout) {
        Map<Long, String> names = new HashMap<>();
        if (layout.truncated()) {
            return names; // the JDK's reader refuses truncated files; thresholds show as unknown
        }
        try (RecordingFile f = new RecordingFile(layout.path())) {
            for (EventType t : f.readEventTypes()) {
                names.put(t.getId(), t.getName());
            }
        } catch (IOException | RuntimeException e) {
            names.clear();
        }
        return names;
    }
}
