package dev.lockscope.analyzer.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One file may hold several recordings: chunks that follow one another in time are one, a gap or overlap starts another. */
class ChunkLayoutRecordingsTest {
    static final long S = 1_000_000_000L;

    static ChunkLayout layout(boolean truncated, ChunkLayout.Chunk... chunks) {
        long start = chunks[0].startNanos();
        long end = chunks[chunks.length - 1].startNanos() + chunks[chunks.length - 1].durationNanos();
        return new ChunkLayout(Path.of("x.jfr"), 1000, 900, chunks.length, truncated, start, end, List.of(chunks));
    }

    static ChunkLayout.Chunk chunk(long offset, long startSeconds, long seconds) {
        return new ChunkLayout.Chunk(offset, 100, startSeconds * S, seconds * S, startSeconds * 1000);
    }

    @Test
    void rotatedChunksOfOneRecordingStayOne() {
        // JFR starts the next chunk as it ends the last: a few milliseconds apart at most.
        ChunkLayout l = layout(false, chunk(0, 100, 10), chunk(100, 110, 10),
                new ChunkLayout.Chunk(200, 100, 120 * S + 3_000_000, 5 * S, 120_003));
        assertThat(l.recordingsInFile()).hasSize(1).first().satisfies(r -> {
            assertThat(r.startNanos()).isEqualTo(100 * S);
            assertThat(r.endNanos()).isEqualTo(125 * S + 3_000_000);
            assertThat(r.chunks()).isEqualTo(3);
        });
    }

    @Test
    void aGapOrAnOverlapStartsAnotherRecordingWithItsOwnSpan() {
        ChunkLayout l = layout(true, chunk(0, 100, 10), chunk(100, 200, 10), chunk(200, 205, 10));
        List<ChunkLayout> parts = l.recordingsInFile();
        assertThat(parts).hasSize(3);
        assertThat(parts).extracting(ChunkLayout::startNanos).containsExactly(100 * S, 200 * S, 205 * S);
        assertThat(parts).extracting(p -> p.endNanos() - p.startNanos()).containsOnly(10 * S);
        // Only the last keeps the file's truncation: the complete chunks before it were read whole.
        assertThat(parts).extracting(ChunkLayout::truncated).containsExactly(false, false, true);
    }

    /** One rule for chunks, parts and a JVM's files: within a second after the end, or a millisecond before it. */
    @Test
    void followsWithinASecondAfterTheEndOrAMillisecondBefore() {
        long end = 100 * S;
        assertThat(ChunkLayout.follows(end, end)).isTrue();
        assertThat(ChunkLayout.follows(end, end + S)).isTrue();
        assertThat(ChunkLayout.follows(end, end + S + 1)).as("a gap").isFalse();
        assertThat(ChunkLayout.follows(end, end - 1_000_000)).as("clock granularity").isTrue();
        assertThat(ChunkLayout.follows(end, end - 1_000_001)).as("an overlap").isFalse();
    }

    @Test
    void keepingSomeChunksNarrowsTheSpanToThem() {
        ChunkLayout l = layout(false, chunk(0, 100, 10), chunk(100, 110, 10), chunk(200, 120, 10));
        ChunkLayout kept = l.onlyChunks(List.of(l.chunkList().get(1), l.chunkList().get(2)));
        assertThat(kept.startNanos()).isEqualTo(110 * S);
        assertThat(kept.endNanos()).isEqualTo(130 * S);
    }

    /** A large recording is read in parts of at most a size (a larger chunk alone), each continued by the next. */
    @Test
    void aRecordingSplitsIntoPartsOfAtMostASizeEachContinuedByTheNext() {
        ChunkLayout l = layout(true, chunk(0, 100, 10), chunk(100, 110, 10), chunk(200, 120, 10), chunk(300, 130, 10),
                new ChunkLayout.Chunk(400, 350, 140 * S, 10 * S, 140_000));
        List<ChunkLayout> parts = l.parts(200);
        assertThat(parts).extracting(ChunkLayout::chunks).containsExactly(2, 2, 1);
        assertThat(parts).extracting(ChunkLayout::startNanos).containsExactly(100 * S, 120 * S, 140 * S);
        assertThat(parts).extracting(ChunkLayout::bytesToRead).containsExactly(200L, 200L, 350L);
        assertThat(parts).extracting(ChunkLayout::truncated).containsExactly(false, false, true);
        assertThat(parts.get(0).continuedBy(parts.get(1))).isTrue();
        assertThat(parts.get(1).continuedBy(parts.get(2))).isTrue();
        assertThat(parts.get(1).continuedBy(parts.get(0))).as("not backwards").isFalse();
        assertThat(l.parts(10_000)).containsExactly(l);
        ChunkLayout other = new ChunkLayout(Path.of("y.jfr"), 1000, 900, 1, false, 120 * S, 130 * S, List.of());
        assertThat(parts.get(0).continuedBy(other)).as("another file").isFalse();
        ChunkLayout later = layout(false, chunk(0, 200, 10));
        assertThat(parts.get(2).continuedBy(later)).as("after a gap: another recording").isFalse();
    }
}
