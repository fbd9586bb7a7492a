package dev.lockscope.analyzer.read;

import java.io.IOException;
import java.util.HashMap;
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
