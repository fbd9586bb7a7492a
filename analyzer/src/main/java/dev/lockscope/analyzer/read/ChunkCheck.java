package dev.lockscope.analyzer.read;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Where a recording is damaged, in the user's terms: which chunk, what was expected, at which byte of the file. Run
 * when a parser has already failed (it reads every chunk again), so the one-line error names the first broken spot
 * instead of the parser's internal exception. Checks the structure JFR guarantees: a chunk's metadata and first
 * constant-pool offsets point inside it at a metadata event (type 0) and a checkpoint (type 1), and its events'
 * sizes step from its header exactly to its end.
 */
public final class ChunkCheck {
    private static final int HEADER_SIZE = 68;
    private static final long METADATA = 0;
    private static final long CHECKPOINT = 1;

    private ChunkCheck() {
    }

    /**
     * What to tell the user about a parser's failure: the first structural problem found, else that an event inside
     * an intact structure could not be read (with the exception's kind, never an internal message alone).
     */
    public static String explain(ChunkLayout layout, Throwable parserFailure) {
        return explain(firstProblem(layout), parserFailure);
    }

    /** As above, with the structural problem already looked for ({@link #firstProblem}; null: none found). */
    static String explain(String problem, Throwable parserFailure) {
        return problem != null ? problem
                : "the chunks' structure is intact but an event's contents could not be read (" + kind(parserFailure) + ")";
    }

    /** An exception as the user's line shows it: its kind, and its message when short (never a stack). */
    static String kind(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.length() > 120 ? "" : ": " + m);
    }

    /** The first structural problem, e.g. "chunk 2 of 3 (file byte 81234): ...", or null when none is found. */
    public static String firstProblem(ChunkLayout layout) {
        List<ChunkLayout.Chunk> chunks = layout.chunkList();
        try (FileChannel ch = FileChannel.open(layout.path(), StandardOpenOption.READ)) {
            for (int i = 0; i < chunks.size(); i++) {
                ChunkLayout.Chunk c = chunks.get(i);
                String problem = check(ch, c);
                if (problem != null) {
                    return "chunk " + (i + 1) + " of " + chunks.size() + " (file byte " + c.offset() + "): " + problem;
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String check(FileChannel ch, ChunkLayout.Chunk c) throws IOException {
        if (c.size() > Integer.MAX_VALUE) {
            return null; // beyond what this check reads at once; the parser's message stands
        }
        ByteBuffer buf = ByteBuffer.allocate((int) c.size());
        while (buf.hasRemaining()) {
            if (ch.read(buf, c.offset() + buf.position()) < 0) {
                return "the file ends inside the chunk";
            }
        }
        byte[] bytes = buf.array();
        JfrInput raw = new JfrInput(bytes, bytes.length, false);
        long cpOffset = raw.rawLong(16);
        long metadataOffset = raw.rawLong(24);
        JfrInput in = new JfrInput(bytes, bytes.length, (raw.rawInt(64) & 1) != 0);
        String at = expectType(in, metadataOffset, METADATA, "the metadata event", c);
        if (at != null) {
            return at;
        }
        at = expectType(in, cpOffset, CHECKPOINT, "the first constant pool (a checkpoint event)", c);
        if (at != null) {
            return at;
        }
        int pos = HEADER_SIZE;
        while (pos < bytes.length) {
            in.position(pos);
            int size;
            try {
                size = in.readInt();
            } catch (RuntimeException e) {
                return "the event at file byte " + (c.offset() + pos) + " has an unreadable size";
            }
            if (size <= 0 || size > bytes.length - pos) {
                return "the event at file byte " + (c.offset() + pos) + " has size " + size + ", expected 1 to "
                        + (bytes.length - pos) + " (the rest of the chunk)";
            }
            pos += size;
        }
        return null;
    }

    private static String expectType(JfrInput in, long offset, long type, String what, ChunkLayout.Chunk c) {
        if (offset < HEADER_SIZE || offset >= in.limit()) {
            return "the header points at " + what + " at chunk byte " + offset + ", outside the chunk's " + in.limit()
                    + " bytes";
        }
        try {
            in.position((int) offset);
            in.readInt();
            long found = in.readLong();
            if (found != type) {
                return "expected " + what + " at file byte " + (c.offset() + offset) + " (event type " + type
                        + "), found event type " + found;
            }
            return null;
        } catch (RuntimeException e) {
            return what + " at file byte " + (c.offset() + offset) + " cannot be read";
        }
    }
}
