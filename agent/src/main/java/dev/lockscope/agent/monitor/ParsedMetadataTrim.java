package dev.lockscope.agent.monitor;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.consumer.RecordingStream;

/**
 * Drops the element tree JFR's parser keeps beside the types it built from a chunk's metadata. The stream's parser
 * reads the metadata into a tree of elements and attributes (about 43,000 small objects, 1.5 MB on JDK 17 and 25),
 * builds its types from it, and keeps the tree only for the descriptor's {@code toString}. Those objects live as long
 * as the stream and are born when it starts, mid-run: G1 copies them from survivor space to survivor space at every
 * young collection until they are old enough, longer pauses that make G1 grow the heap on an application that
 * allocates fast. Reached through JFR's internals (opened to the agent, as for LockWait's stacks): checked up to
 * {@link #LAST_CHECKED_JDK}; wherever they are not as expected the tree simply stays.
 */
final class ParsedMetadataTrim {
    /** The last JDK whose parser fields this was checked against. */
    static final int LAST_CHECKED_JDK = 25;

    private final Field directoryStream;
    private final Field currentParser;
    private final Field metadata;
    private final Field previousMetadata;
    private final Field root;
    /** Trees dropped (one per metadata the stream parsed). */
    final AtomicLong dropped = new AtomicLong();

    private ParsedMetadataTrim(Field directoryStream, Field currentParser, Field metadata, Field previousMetadata, Field root) {
        this.directoryStream = directoryStream;
        this.currentParser = currentParser;
        this.metadata = metadata;
        this.previousMetadata = previousMetadata;
        this.root = root;
    }

    /**
     * Opens JFR's consumer internals to the agent ({@code inst} null: already open, as in tests) and finds the fields.
     *
     * @param why receives the reason when it returns null
     */
    static ParsedMetadataTrim open(Instrumentation inst, String[] why) {
        int jdk = Runtime.version().feature();
        if (jdk > LAST_CHECKED_JDK) {
            why[0] = "JFR's parser on JDK " + jdk + " is not checked (up to " + LAST_CHECKED_JDK + ")";
            return null;
        }
        try {
            if (inst != null) {
                Module jfr = RecordingStream.class.getModule();
                Set<Module> self = Set.of(ParsedMetadataTrim.class.getModule());
                inst.redefineModule(jfr, Set.of(), Map.of(), Map.of("jdk.jfr.consumer", self,
                        "jdk.jfr.internal", self, "jdk.jfr.internal.consumer", self), Set.of(), Map.of());
            }
            Field ds = field(RecordingStream.class, "directoryStream");
            Field cp = field(Class.forName("jdk.jfr.internal.consumer.EventDirectoryStream"), "currentParser");
            Class<?> parser = Class.forName("jdk.jfr.internal.consumer.ChunkParser");
            Field r = field(Class.forName("jdk.jfr.internal.MetadataDescriptor"), "root");
            return new ParsedMetadataTrim(ds, cp, field(parser, "metadata"), field(parser, "previousMetadata"), r);
        } catch (Throwable t) {
            why[0] = "JFR's parser is not as expected: " + t;
            return null;
        }
    }

    private static Field field(Class<?> c, String name) throws NoSuchFieldException {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    /**
     * Drops the trees of the stream's current and previous metadata, once each; on the stream's own thread (its flush
     * action), so the parser is not being replaced meanwhile.
     */
    void trim(RecordingStream stream) {
        try {
            Object parser = parser(stream);
            if (parser != null) {
                drop(metadata.get(parser));
                drop(previousMetadata.get(parser));
            }
        } catch (Throwable ignored) {
            // the tree stays: a few MB of heap, nothing the stream needs
        }
    }

    private void drop(Object descriptor) throws IllegalAccessException {
        if (descriptor != null && root.get(descriptor) != null) {
            root.set(descriptor, null);
            dropped.incrementAndGet();
        }
    }

    private Object parser(RecordingStream stream) throws IllegalAccessException {
        return currentParser.get(directoryStream.get(stream));
    }

    /** The parsed tree of the stream's current metadata, or null (tests). */
    Object currentTree(RecordingStream stream) throws IllegalAccessException {
        Object parser = parser(stream);
        Object descriptor = parser == null ? null : metadata.get(parser);
        return descriptor == null ? null : root.get(descriptor);
    }
}
