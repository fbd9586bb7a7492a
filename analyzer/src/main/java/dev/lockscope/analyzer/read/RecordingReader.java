package dev.lockscope.analyzer.read;

import java.util.function.LongConsumer;

/** A parser that streams one recording's complete chunks into a visitor. */
public interface RecordingReader {

    /**
     * Reads the complete chunks of {@code layout}, reporting the bytes consumed so far to {@code bytesRead}.
     *
     * @throws RecordingException with a one-line message when the recording cannot be read
     */
    void read(ChunkLayout layout, RecordingVisitor visitor, LongConsumer bytesRead) throws RecordingException;

    /**
     * Whether it reads what lock owners did (samples, blocking calls, pauses, previous owners' ids), or why not: null
     * when it does.
     */
    default String ownerEventsNotRead() {
        return "not read by this reader";
    }

    /** What the report must say about this reader, e.g. which events it did not read (none by default). */
    default java.util.List<String> notes() {
        return java.util.List.of();
    }
}
