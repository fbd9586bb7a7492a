package dev.lockscope.analyzer.read;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a JFR file's chunk headers say before any event is parsed: is it a recording at all, how many complete
 * chunks it has, and whether it ends in a truncated one (a crash, a copy taken while recording, a cut download).
 * Reading stops at the last complete chunk so the events of the complete ones are still reported.
 *
 * @param path           the file
 * @param fileSize       its size in bytes
 * @param completeBytes  bytes covered by complete chunks
 * @param chunks         number of complete chunks
 * @param truncated      true when bytes after the last complete chunk were ignored
 * @param startNanos     start of the first chunk, epoch ns
 * @param endNanos       end of the last complete chunk, epoch ns
 * @param chunkList      the complete chunks the parser is to read (fewer when some were already read elsewhere)
 */
public record ChunkLayout(Path path, long fileSize, long completeBytes, int chunks, boolean truncated,
                          long startNanos, long endNanos, List<Chunk> chunkList) {

    /**
     * One complete chunk. Its start time, start ticks and size identify it: a dump taken twice from the same
     * recording repeats chunks, which must be counted once.
     */
    public record Chunk(long offset, long size, long startNanos, long durationNanos, long startTicks) {
        public List<Long> identity() {
            return List.of(startNanos, startTicks, size);
        }

        long endNanos() {
            return startNanos + durationNanos;
        }
    }

    /**
     * How far apart two chunks of one recording may be: a JVM starts its next chunk as it ends the last (rotation
     * takes milliseconds). Farther apart, or overlapping, they come from different recordings, usually different JVMs.
     */
    static final long CONTIGUOUS_WITHIN_NANOS = 1_000_000_000L;
    /** How much a chunk may seem to start before the last one ended and still follow it (clock granularity). */
    static final long OVERLAP_TOLERATED_NANOS = 1_000_000L;

    /**
     * Whether something that starts at {@code nextStartNanos} continues, in time, something that ended at
     * {@code endNanos}: a chunk its predecessor in a recording, a part of a recording the part before, a rotated file
     * of a JVM the file before. The one rule for all of them, so that a recording read in parts, its chunks read as
     * rotated files and the same chunks in one file are put together alike.
     */
    public static boolean follows(long endNanos, long nextStartNanos) {
        return nextStartNanos >= endNanos - OVERLAP_TOLERATED_NANOS
                && nextStartNanos - endNanos <= CONTIGUOUS_WITHIN_NANOS;
    }

    /** The same file, reading only {@code keep} of its chunks (non-empty): its time span is theirs. */
    public ChunkLayout onlyChunks(List<Chunk> keep) {
        long start = keep.stream().mapToLong(Chunk::startNanos).min().orElse(startNanos);
        long end = keep.stream().mapToLong(Chunk::endNanos).max().orElse(endNanos);
        return new ChunkLayout(path, fileSize, completeBytes, chunks, truncated, start, end, List.copyOf(keep));
    }

    /**
     * The file's chunks in runs that follow one another in time, each a layout of its own: a file holding several
     * recordings (e.g. two JVMs' files concatenated) is as many recordings, each with its own time span, so the gap
     * between them is nobody's thread-time. Only the last run keeps the file's truncation flag.
     */
    public List<ChunkLayout> recordingsInFile() {
        List<List<Chunk>> runs = new ArrayList<>();
        Chunk last = null;
        for (Chunk c : chunkList) {
            if (last == null || !follows(last.endNanos(), c.startNanos())) {
                runs.add(new ArrayList<>());
            }
            runs.get(runs.size() - 1).add(c);
            last = c;
        }
        List<ChunkLayout> out = new ArrayList<>(runs.size());
        for (int i = 0; i < runs.size(); i++) {
            ChunkLayout l = onlyChunks(runs.get(i));
            boolean lastRun = i == runs.size() - 1;
            out.add(new ChunkLayout(path, fileSize, completeBytes, runs.get(i).size(), lastRun && truncated,
                    l.startNanos, l.endNanos, l.chunkList));
        }
        return out;
    }

    /**
     * One recording's chunks in parts of at most {@code maxBytes} each (a chunk larger than that is a part alone), in
     * order, each a layout of its own: a large recording is read, joined and let go part by part, as the rotated files
     * of one JVM are. Only the last part keeps the truncation flag.
     */
    public List<ChunkLayout> parts(long maxBytes) {
        List<List<Chunk>> groups = new ArrayList<>();
        long bytes = 0;
        for (Chunk c : chunkList) {
            if (groups.isEmpty() || bytes + c.size() > maxBytes) {
                groups.add(new ArrayList<>());
                bytes = 0;
            }
            groups.get(groups.size() - 1).add(c);
            bytes += c.size();
        }
        if (groups.size() <= 1) {
            return List.of(this);
        }
        List<ChunkLayout> out = new ArrayList<>(groups.size());
        for (int i = 0; i < groups.size(); i++) {
            ChunkLayout l = onlyChunks(groups.get(i));
            out.add(new ChunkLayout(path, fileSize, completeBytes, groups.get(i).size(),
                    i == groups.size() - 1 && truncated, l.startNanos, l.endNanos, l.chunkList));
        }
        return out;
    }

    /** Whether {@code next} is the part of the same recording that comes right after this one ({@link #parts}). */
    public boolean continuedBy(ChunkLayout next) {
        return next.path.equals(path) && follows(endNanos, next.startNanos);
    }

    /** Bytes the parser will read. */
    public long bytesToRead() {
        return chunkList.stream().mapToLong(Chunk::size).sum();
    }

    /** The size of its largest chunk: the JMC parser holds one whole chunk at a time in memory. */
    public long largestChunkBytes() {
        return chunkList.stream().mapToLong(Chunk::size).max().orElse(0);
    }

    private static final int MAGIC = 0x464c5200; // "FLR\0"
    private static final int HEADER_SIZE = 68;

    public static ChunkLayout scan(Path path) throws RecordingException {
        if (!Files.exists(path)) {
            throw new RecordingException(path + ": no such file");
        }
        if (Files.isDirectory(path)) {
            throw new RecordingException(path + ": is a directory, not a JFR recording");
        }
        if (!Files.isReadable(path)) {
            throw new RecordingException(path + ": not readable (permission denied)");
        }
        try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "r")) {
            long size = f.length();
            if (size == 0) {
                throw new RecordingException(path + ": empty file, not a JFR recording");
            }
            long pos = 0;
            int chunks = 0;
            List<Chunk> list = new ArrayList<>();
            long start = Long.MAX_VALUE;
            long end = Long.MIN_VALUE;
            while (pos < size) {
                if (size - pos < HEADER_SIZE) {
                    break;
                }
                f.seek(pos);
                int magic = f.readInt();
                if (magic != MAGIC) {
                    if (pos == 0) {
                        throw new RecordingException(path + ": not a JFR recording (no 'FLR' magic at its start)");
                    }
                    break;
                }
                int major = f.readShort();
                f.readShort(); // minor
                if (major != 2) {
                    throw new RecordingException(path + ": JFR format " + major + (major == 1 ? " (JDK 9 and 10)" : "")
                            + " is not supported: lockscope reads JFR format 2, written by JDK 11 and later");
                }
                long chunkSize = f.readLong();
                f.readLong(); // constant pool offset
                f.readLong(); // metadata offset
                long chunkStart = f.readLong();
                long chunkDuration = f.readLong();
                long startTicks = f.readLong();
                // A chunk still being written has size 0 or runs past the end of the file.
                if (chunkSize < HEADER_SIZE || pos + chunkSize > size) {
                    break;
                }
                chunks++;
                list.add(new Chunk(pos, chunkSize, chunkStart, chunkDuration, startTicks));
                start = Math.min(start, chunkStart);
                end = Math.max(end, chunkStart + chunkDuration);
                pos += chunkSize;
            }
            if (chunks == 0) {
                throw new RecordingException(path + ": truncated JFR recording: not one complete chunk ("
                        + size + " bytes)");
            }
            return new ChunkLayout(path, size, pos, chunks, pos < size, start, end, List.copyOf(list));
        } catch (IOException e) {
            throw new RecordingException(path + ": cannot read: " + e.getMessage(), e);
        }
    }
}
