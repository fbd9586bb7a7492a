package dev.lockscope.analyzer.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockscope.analyzer.aggregate.RecordingFacts;
import dev.lockscope.analyzer.model.Frame;
import dev.lockscope.analyzer.model.WaitEvent;
import dev.lockscope.analyzer.read.ChunkLayout;
import dev.lockscope.analyzer.read.RecordingException;
import dev.lockscope.analyzer.read.RecordingReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The parallel read with a reader that plants one wait per recording and takes a random while: recordings are read
 * {@code jobs} at once, merged in the order given whatever order they finish in, never more than {@code 2 x jobs}
 * held before their turn, and a recording that fails is left out or fails the read, as asked.
 */
class FleetReaderTest {
    private static final int RECORDINGS = 40;

    private final AtomicInteger reading = new AtomicInteger();
    private final AtomicInteger mostReading = new AtomicInteger();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger merged = new AtomicInteger();
    private final AtomicInteger mostHeld = new AtomicInteger();
    private final AtomicLong bytesTold = new AtomicLong();

    private static List<ChunkLayout> layouts() {
        List<ChunkLayout> l = new ArrayList<>();
        for (int i = 0; i < RECORDINGS; i++) {
            long start = i * 1_000_000_000L;
            l.add(new ChunkLayout(Path.of(String.format("r-%02d.jfr", i)), 1000, 1000, 1, false, start,
                    start + 1_000_000_000L, List.of(new ChunkLayout.Chunk(0, 1000, start, 1_000_000_000L, 0))));
        }
        return l;
    }

    private RecordingReader reader(int jobs, String failing) {
        return (layout, visitor, bytes) -> {
            int now = reading.incrementAndGet();
            mostReading.accumulateAndGet(now, Math::max);
            int mine = started.incrementAndGet();
            mostHeld.accumulateAndGet(mine - merged.get(), Math::max);
            try {
                if (mine <= jobs) {
                    // The first ones wait for each other: proof that they are read at once.
                    long deadline = System.nanoTime() + 10_000_000_000L;
                    while (reading.get() < jobs && System.nanoTime() < deadline) {
                        Thread.sleep(1);
                    }
                }
                Thread.sleep(ThreadLocalRandom.current().nextInt(5));
                if (layout.path().toString().equals(failing)) {
                    throw new RecordingException(failing + ": corrupt JFR recording: planted");
                }
                int i = Integer.parseInt(layout.path().toString().substring(2, 4));
                visitor.jvm("OpenJDK 64-Bit Server VM", "17", 1000 + i, 1);
                visitor.waitEvent(new WaitEvent("jdk.JavaMonitorEnter", layout.startNanos(), 1_000_000L * (i + 1), 1,
                        "t", "com.example.Lock", 0x10, null, List.of(new Frame("com.example.App", "run", 1))));
                bytes.accept(layout.bytesToRead() / 2);
                bytes.accept(layout.bytesToRead());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                reading.decrementAndGet();
            }
        };
    }

    private final FleetReader.Progress progress = new FleetReader.Progress() {
        @Override
        public void bytes(long done, long total, String file) {
            assertThat(done).isGreaterThanOrEqualTo(bytesTold.get()).isLessThanOrEqualTo(total);
            bytesTold.set(done);
        }

        @Override
        public void recordings(int done, int total) {
            merged.set(done);
        }
    };

    @Test
    void readsJobsRecordingsAtOnceAndMergesThemInTheOrderGiven() throws Exception {
        int jobs = 3;
        FleetReader.Result r = FleetReader.read(layouts(), reader(jobs, null), jobs, false, progress);
        assertThat(mostReading.get()).as("recordings read at once").isEqualTo(jobs);
        assertThat(mostHeld.get()).as("recordings read or waiting for their turn").isLessThanOrEqualTo(2 * jobs);
        assertThat(r.failures()).isEmpty();
        assertThat(r.merged().recordings()).extracting(f -> f.layout().path().toString())
                .containsExactlyElementsOf(layouts().stream().map(l -> l.path().toString()).toList());
        assertThat(r.merged().recordings()).extracting(RecordingFacts::pid)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, RECORDINGS).mapToObj(i -> 1000L + i)
                        .toList());
        assertThat(r.merged().locks()).hasSize(RECORDINGS);
        assertThat(bytesTold.get()).isEqualTo(RECORDINGS * 1000L);
        assertThat(merged.get()).isEqualTo(RECORDINGS);
    }

    /**
     * The recordings being read hold their largest chunks' bytes of the budget: never more at once, a recording whose
     * chunk is larger than the whole budget is read alone (not left waiting), and small ones still go {@code jobs} at
     * once.
     */
    @Test
    void theRecordingsBeingReadKeepTheirLargestChunksWithinTheBudget() throws Exception {
        long mb = 1L << 20;
        long budget = 100 * mb;
        long[] chunkMb = {30, 30, 30, 90, 30, 30, 250, 30, 60, 60, 30, 30, 30, 30, 90, 10, 10, 30, 30, 30};
        List<ChunkLayout> layouts = new ArrayList<>();
        for (int i = 0; i < chunkMb.length; i++) {
            long start = i * 1_000_000_000L;
            long size = chunkMb[i] * mb;
            layouts.add(new ChunkLayout(Path.of(String.format("r-%02d.jfr", i)), size, size, 1, false, start,
                    start + 1_000_000_000L, List.of(new ChunkLayout.Chunk(0, size, start, 1_000_000_000L, 0))));
        }
        AtomicLong held = new AtomicLong();
        AtomicLong mostHeldBytes = new AtomicLong();
        AtomicInteger readingNow = new AtomicInteger();
        AtomicInteger mostWithTheLargeOne = new AtomicInteger();
        RecordingReader budgeted = (layout, visitor, bytes) -> {
            long mine = layout.largestChunkBytes();
            long now = held.addAndGet(mine);
            int together = readingNow.incrementAndGet();
            try {
                if (mine <= budget) {
                    mostHeldBytes.accumulateAndGet(now, Math::max);
                } else {
                    mostWithTheLargeOne.accumulateAndGet(together, Math::max);
                }
                Thread.sleep(2 + ThreadLocalRandom.current().nextInt(5));
                if (mine > budget) {
                    Thread.sleep(20); // long enough for the others to try to start beside it
                    mostWithTheLargeOne.accumulateAndGet(readingNow.get(), Math::max);
                }
                int i = Integer.parseInt(layout.path().toString().substring(2, 4));
                visitor.jvm("OpenJDK 64-Bit Server VM", "17", 1000 + i, 1);
                visitor.waitEvent(new WaitEvent("jdk.JavaMonitorEnter", layout.startNanos(), 1_000_000L, 1, "t",
                        "com.example.Lock", 0x10, null, List.of(new Frame("com.example.App", "run", 1))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                readingNow.decrementAndGet();
                held.addAndGet(-mine);
            }
        };
        FleetReader.Result r = FleetReader.read(layouts, budgeted, 3, budget, false, progress);
        assertThat(r.merged().recordings()).hasSize(chunkMb.length);
        assertThat(mostHeldBytes.get()).as("largest chunks being read at once").isLessThanOrEqualTo(budget)
                .isGreaterThan(60 * mb);
        assertThat(mostWithTheLargeOne.get()).as("recordings read beside the one larger than the budget").isEqualTo(1);
    }

    /** Running out of heap is the analyzer's limit, not the file's fault: the read fails, with what to do. */
    @Test
    void runningOutOfMemoryFailsTheReadInOneLineEvenWhenFailuresAreLeftOut() {
        RecordingReader failing = (layout, visitor, bytes) -> {
            if (layout.path().toString().equals("r-05.jfr")) {
                throw new OutOfMemoryError("Java heap space");
            }
        };
        assertThatThrownBy(() -> FleetReader.read(layouts(), failing, 2, true, progress))
                .isInstanceOf(RecordingException.class)
                .hasMessageStartingWith("r-05.jfr: out of memory reading it (its largest chunk is 0 MB, the heap ")
                .hasMessageEndingWith("MB): give the analyzer more heap, e.g. LOCKSCOPE_JAVA_OPTS=-Xmx2g")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aRecordingThatFailsIsLeftOutWhenAskedAndFailsTheReadOtherwise() throws Exception {
        FleetReader.Result r = FleetReader.read(layouts(), reader(2, "r-07.jfr"), 2, true, progress);
        assertThat(r.failures()).singleElement().satisfies(f -> {
            assertThat(f.layout().path()).isEqualTo(Path.of("r-07.jfr"));
            assertThat(f.error()).hasMessage("r-07.jfr: corrupt JFR recording: planted");
        });
        assertThat(r.merged().recordings()).hasSize(RECORDINGS - 1);
        bytesTold.set(0);
        assertThatThrownBy(() -> FleetReader.read(layouts(), reader(2, "r-07.jfr"), 2, false, progress))
                .isInstanceOf(RecordingException.class).hasMessage("r-07.jfr: corrupt JFR recording: planted");
    }
}
