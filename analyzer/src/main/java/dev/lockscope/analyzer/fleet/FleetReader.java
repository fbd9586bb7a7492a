package dev.lockscope.analyzer.fleet;

import dev.lockscope.analyzer.aggregate.Aggregator;
import dev.lockscope.analyzer.read.ChunkLayout;
import dev.lockscope.analyzer.read.RecordingException;
import dev.lockscope.analyzer.read.RecordingReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads many recordings at once, each into its own aggregator on one of {@code jobs} threads, reduces each once read
 * ({@link RecordingReduction}), and merges them into one aggregator in the order given: the merge, and so the report,
 * is the same whatever the number of jobs. At most {@code 2 x jobs} recordings are being read or waiting for their
 * turn to merge at any time, so memory holds at most {@code jobs} recordings' reading state (what one recording costs
 * alone) plus the merge, which does not grow with the number of recordings beyond what each lock keeps.
 *
 * <p>What one recording's reading state costs grows with its largest chunk: the parser reads a whole chunk into one
 * array (1.2 times its size) and builds the chunk's constant pools beside it. Chunks are mostly a few MB to 20 MB,
 * but a loaded JVM writes some far larger (150 MB seen with a 20 MB maximum), and two of those read at once took 360
 * MB in arrays alone. So the recordings being read hold their largest chunks' bytes of a budget, a quarter of the
 * heap ({@link #chunkBudget}), from the start of their reading to its end: a recording that does not fit waits for
 * others to finish, one larger than the whole budget is read alone, and none is left out.
 */
public final class FleetReader {
    /** The most jobs {@code --jobs} accepts. */
    public static final int MAX_JOBS = 256;
    /** Heap one job may need at most (one recording's reading state): the default number of jobs keeps within it. */
    static final long HEAP_PER_JOB = 256L << 20;
    /** The chunk budget's unit (a permit of its semaphore). */
    private static final long BUDGET_UNIT = 1L << 20;

    /** Told how far reading has got, from the reading threads one at a time. */
    public interface Progress {
        /** Bytes of all recordings read so far, of {@code total}; {@code file} the one that moved. */
        void bytes(long done, long total, String file);

        /** Recordings read (or failed) so far, of {@code total}. */
        void recordings(int done, int total);
    }

    /** A recording that could not be read. */
    public record Failure(ChunkLayout layout, RecordingException error) {
    }

    /** The merge of the recordings read, and those that failed (only when told to go on past failures). */
    public record Result(Aggregator merged, List<Failure> failures) {
    }

    private FleetReader() {
    }

    /** The bytes of largest chunks that the recordings being read may hold together: a quarter of the heap. */
    static long chunkBudget() {
        return Runtime.getRuntime().maxMemory() / 4;
    }

    /** One job per available processor, as many as the heap has room for (at least one). */
    public static int defaultJobs() {
        long byHeap = Math.max(1, Runtime.getRuntime().maxMemory() / HEAP_PER_JOB);
        return (int) Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), byHeap));
    }

    /**
     * Reads {@code layouts} with {@code jobs} threads into one merge. A recording that cannot be read fails the whole
     * read, unless {@code goOnPastFailures}: then it is left out and returned among the failures.
     */
    public static Result read(List<ChunkLayout> layouts, RecordingReader reader, int jobs, boolean goOnPastFailures,
                              Progress progress) throws RecordingException {
        return read(layouts, reader, jobs, chunkBudget(), goOnPastFailures, progress);
    }

    /** As {@link #read(List, RecordingReader, int, boolean, Progress)}, with a chunk budget of its own (tests). */
    static Result read(List<ChunkLayout> layouts, RecordingReader reader, int jobs, long chunkBudgetBytes,
                       boolean goOnPastFailures, Progress progress) throws RecordingException {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs " + jobs);
        }
        ChunkBudget budget = new ChunkBudget(chunkBudgetBytes);
        Aggregator merged = Aggregator.merging();
        merged.ownerEventsNotRead(reader.ownerEventsNotRead());
        List<Failure> failures = new ArrayList<>();
        long total = 0;
        for (ChunkLayout l : layouts) {
            total += l.bytesToRead();
        }
        ByteCount bytes = new ByteCount(progress, total);
        progress.recordings(0, layouts.size());
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "lockscope-reader-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            Deque<Future<Aggregator>> pending = new ArrayDeque<>();
            int window = 2 * jobs;
            int next = 0;
            while (next < layouts.size() && pending.size() < window) {
                pending.add(pool.submit(task(layouts.get(next++), reader, bytes, budget)));
            }
            for (int i = 0; i < layouts.size(); i++) {
                Aggregator part = await(pending.poll(), layouts.get(i), goOnPastFailures, failures);
                if (part != null) {
                    merged.absorb(part);
                }
                progress.recordings(i + 1, layouts.size());
                if (next < layouts.size()) {
                    pending.add(pool.submit(task(layouts.get(next++), reader, bytes, budget)));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        merged.settle();
        return new Result(merged, List.copyOf(failures));
    }

    private static java.util.concurrent.Callable<Aggregator> task(ChunkLayout layout, RecordingReader reader,
                                                                  ByteCount bytes, ChunkBudget budget) {
        return () -> {
            Aggregator part = new Aggregator();
            part.ownerEventsNotRead(reader.ownerEventsNotRead());
            String name = layout.path().getFileName().toString();
            long[] last = {0};
            int held = budget.take(layout.largestChunkBytes());
            try {
                reader.read(layout, part.visitorFor(layout), n -> {
                    bytes.add(n - last[0], name);
                    last[0] = n;
                });
            } catch (OutOfMemoryError e) {
                throw new RecordingException(layout.path() + ": out of memory reading it (its largest chunk is "
                        + layout.largestChunkBytes() / 1_000_000 + " MB, the heap " + Runtime.getRuntime().maxMemory()
                        / 1_000_000 + " MB): give the analyzer more heap, e.g. LOCKSCOPE_JAVA_OPTS=-Xmx2g", e);
            } finally {
                budget.give(held);
            }
            bytes.add(layout.bytesToRead() - last[0], name);
            RecordingReduction.reduce(part);
            return part;
        };
    }

    /**
     * The bytes of largest chunks the recordings being read hold (see the class comment), in MB. First come, first
     * served, so a large chunk is not passed over by smaller ones after it forever; a chunk larger than the budget
     * takes all of it.
     */
    private static final class ChunkBudget {
        private final java.util.concurrent.Semaphore units;
        private final int total;

        ChunkBudget(long bytes) {
            total = (int) Math.max(1, Math.min(Integer.MAX_VALUE, bytes / BUDGET_UNIT));
            units = new java.util.concurrent.Semaphore(total, true);
        }

        /** Waits until {@code chunkBytes} fit and takes them; returns the units to {@link #give} back. */
        int take(long chunkBytes) throws InterruptedException {
            int n = (int) Math.max(1, Math.min(total, (chunkBytes + BUDGET_UNIT - 1) / BUDGET_UNIT));
            units.acquire(n);
            return n;
        }

        void give(int n) {
            units.release(n);
        }
    }

    /** The recording's reduced aggregator, or null when it failed and failures are let through. */
    private static Aggregator await(Future<Aggregator> f, ChunkLayout layout, boolean goOn, List<Failure> failures)
            throws RecordingException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RecordingException(layout.path() + ": reading interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RecordingException r) {
                if (!goOn || r.getCause() instanceof OutOfMemoryError) { // the heap, not the file: no report
                    throw r;
                }
                failures.add(new Failure(layout, r));
                return null;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Bytes read by all threads, told to the progress listener one at a time so its totals only grow. */
    private static final class ByteCount {
        private final Progress progress;
        private final long total;
        private long done;

        ByteCount(Progress progress, long total) {
            this.progress = progress;
            this.total = total;
        }

        synchronized void add(long n, String file) {
            if (n > 0) {
                done += n;
                progress.bytes(Math.min(done, total), total, file);
            }
        }
    }
}
