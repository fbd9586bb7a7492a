package dev.lockscope.analyzer.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockscope.analyzer.model.Frame;
import dev.lockscope.analyzer.model.WaitEvent;
import dev.lockscope.analyzer.read.ChunkLayout;
import dev.lockscope.analyzer.read.RecordingVisitor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Many recordings merged: what each one keeps once read (its owners' events let go, its histograms packed without
 * changing a figure), and the bound on the stack trees of all of them together.
 */
class RecordingMergeTest {
    private static final int LOCKS_PER_RECORDING = 20;
    private static final int STACKS_PER_LOCK = 40;
    private static final int DEPTH = 6;

    /**
     * A recording of its own JVM (pid {@code pid}) with {@code LOCKS_PER_RECORDING} monitors, lock {@code i} waited
     * for {@code (i + 1) x 10} times, {@code (i + 1) ms} each, from up to {@code STACKS_PER_LOCK} distinct stacks;
     * lock 0 of pid 0 far more than any other (1000 waits of 50 ms). Its owners' events are a sample and a blocking
     * call per wait.
     */
    static Aggregator part(int pid) {
        Aggregator a = new Aggregator();
        ChunkLayout layout = new ChunkLayout(Path.of("jvm-" + pid + ".jfr"), 1000, 1000, 1, false, 1_000_000_000L,
                61_000_000_000L, List.of());
        RecordingVisitor v = a.visitorFor(layout);
        v.jvm("OpenJDK 64-Bit Server VM", "OpenJDK 64-Bit Server VM (17.0.15+6) for linux-amd64", pid, pid);
        for (int lock = 0; lock < LOCKS_PER_RECORDING; lock++) {
            boolean hottest = pid == 0 && lock == 0;
            int waits = hottest ? 1000 : (lock + 1) * 10;
            long nanos = hottest ? 50_000_000L : (lock + 1) * 1_000_000L;
            for (int w = 0; w < waits; w++) {
                long start = 2_000_000_000L + w * 1_000_000L;
                v.waitEvent(new WaitEvent("jdk.JavaMonitorEnter", start, nanos, 100 + w % 7,
                        "worker-" + w % 7, "com.example.Lock" + lock, 0x1000 + lock, "owner", stack(lock, w),
                        99));
                v.ownerSample("jdk.ExecutionSample", start + 1000, 99, List.of(new Frame("com.example.Owner", "run", 1)));
                v.blockingCall("jdk.FileWrite", start, 500_000, 99, List.of(new Frame("com.example.Owner", "write", 2)));
            }
        }
        return a;
    }

    private static List<Frame> stack(int lock, int w) {
        List<Frame> frames = new ArrayList<>();
        for (int d = 0; d < DEPTH; d++) {
            frames.add(new Frame("com.example.L" + lock + "Caller" + (w % STACKS_PER_LOCK), "call" + d, d + 1));
        }
        return frames;
    }

    @Test
    void aReducedRecordingKeepsNoOwnerEventsAndPacksItsHistogramsWithoutChangingAFigure() {
        Aggregator reading = part(0);
        Map<String, long[]> before = figures(reading.locks());
        Aggregator part = part(0);
        assertThat(part.keepsOwnerEvents()).isTrue();
        part.reduce(Map.of());
        assertThat(part.keepsOwnerEvents()).isFalse();
        assertThat(part.reduced()).isTrue();
        assertThat(part.locks()).allSatisfy(s -> assertThat(s.packed()).as("packed").isTrue());
        assertThatThrownBy(() -> part.visitorFor(new ChunkLayout(Path.of("x.jfr"), 1, 1, 1, false, 0, 1, List.of())))
                .isInstanceOf(IllegalStateException.class);
        Aggregator merged = Aggregator.merging();
        merged.absorb(part);
        assertThat(figures(merged.locks())).usingRecursiveComparison().isEqualTo(before);
    }

    /**
     * Per lock class: waits, total, p50, p90, p99, max, waiting threads, stack-tree nodes, then the histogram's
     * power-of-2 buckets as the report draws them (value reached, waits added).
     */
    private static Map<String, long[]> figures(List<LockStats> locks) {
        Map<String, long[]> m = new HashMap<>();
        for (LockStats s : locks) {
            List<Long> l = new ArrayList<>(List.of(s.count(), s.totalNanos(), s.percentileNanos(50),
                    s.percentileNanos(90), s.percentileNanos(99), s.maxNanos(), (long) s.distinctThreads(),
                    (long) s.stackNodes()));
            for (org.HdrHistogram.HistogramIterationValue v : s.waits().logarithmicBucketValues(1024, 2.0)) {
                l.add(v.getValueIteratedTo());
                l.add(v.getCountAddedInThisIterationStep());
            }
            m.put(s.key().lockClass(), l.stream().mapToLong(Long::longValue).toArray());
        }
        return m;
    }

    @Test
    void theStackTreesOfManyRecordingsStayWithinTheBoundAndNoWaitIsLost() {
        int budget = 20_000;
        Aggregator merged = Aggregator.merging(budget);
        long plantedWaits = 0;
        long plantedNanos = 0;
        int recordings = 30;
        int fullTree = -1;
        long unbounded = 0;
        for (int pid = 0; pid < recordings; pid++) {
            Aggregator part = part(pid);
            for (LockStats s : part.locks()) {
                plantedWaits += s.count();
                plantedNanos += s.totalNanos();
                unbounded += s.stackNodes();
                if (pid == 0 && s.key().lockClass().equals("com.example.Lock0")) {
                    fullTree = s.stackNodes();
                }
            }
            part.reduce(Map.of());
            merged.absorb(part);
            if (pid > 0) {
                assertThat(merged.stackNodes()).as("nodes after %d recordings", pid + 1).isLessThanOrEqualTo(budget);
            }
        }
        assertThat(unbounded).as("nodes without the bound").isGreaterThan(4L * budget);
        assertThat(fullTree).isEqualTo(1 + STACKS_PER_LOCK * DEPTH);
        List<LockStats> locks = merged.locks();
        assertThat(locks).hasSize(recordings * LOCKS_PER_RECORDING);
        assertThat(locks.stream().mapToLong(LockStats::count).sum()).isEqualTo(plantedWaits);
        assertThat(locks.stream().mapToLong(LockStats::totalNanos).sum()).isEqualTo(plantedNanos);
        for (LockStats s : locks) {
            // A tree let go keeps its waits at the root, cut there.
            assertThat(s.stacks().root().count()).isEqualTo(s.count());
            assertThat(s.stacks().root().weightNanos()).isEqualTo(s.totalNanos());
        }
        LockStats hottest = locks.stream().filter(s -> s.key().jvm() == 0
                && s.key().lockClass().equals("com.example.Lock0")).findFirst().orElseThrow();
        assertThat(hottest.stackNodes()).as("the most waited-for lock keeps its whole tree").isEqualTo(fullTree);
        List<LockStats> cut = locks.stream().filter(s -> s.stackNodes() == 1).toList();
        assertThat(cut).as("locks whose tree was let go").isNotEmpty().allSatisfy(s -> {
            assertThat(s.stacks().root().cutCount()).isEqualTo(s.count());
            assertThat(s.totalNanos()).isLessThan(hottest.totalNanos());
        });
        // Next in rank, each JVM's lock 19 (200 waits of 20 ms): 30 trees of 241 nodes fit in three quarters of it.
        int whole = fullTree;
        assertThat(locks.stream().filter(s -> s.key().lockClass().equals("com.example.Lock19")))
                .hasSize(recordings).allSatisfy(s -> assertThat(s.stackNodes()).isEqualTo(whole));
    }

    @Test
    void oneRecordingIsKeptWholeWhateverTheBound() {
        Aggregator merged = Aggregator.merging(100);
        Aggregator part = part(0);
        long nodes = part.locks().stream().mapToLong(LockStats::stackNodes).sum();
        part.reduce(Map.of());
        merged.absorb(part);
        assertThat(nodes).isGreaterThan(100);
        assertThat(merged.stackNodes()).isEqualTo(nodes);
    }

    @Test
    void locksOfOneJvmInSeveralRecordingsMergeAsWhenReadTogether() {
        Aggregator together = new Aggregator();
        Aggregator merged = Aggregator.merging();
        for (int file = 0; file < 3; file++) {
            ChunkLayout layout = new ChunkLayout(Path.of("rotated-" + file + ".jfr"), 1000, 1000, 1, false,
                    1_000_000_000L + file * 10_000_000_000L, 11_000_000_000L + file * 10_000_000_000L, List.of());
            Aggregator part = new Aggregator();
            for (RecordingVisitor v : List.of(together.visitorFor(layout), part.visitorFor(layout))) {
                v.jvm("OpenJDK 64-Bit Server VM", "17", 4242, 1);
                for (int w = 0; w < 10 * (file + 1); w++) {
                    v.waitEvent(new WaitEvent("jdk.JavaMonitorEnter", layout.startNanos() + w * 1_000_000L,
                            2_000_000, 7, "t", "com.example.Shared", 0x42, null, stack(0, w)));
                }
            }
            part.reduce(Map.of());
            merged.absorb(part);
        }
        assertThat(figures(merged.locks())).usingRecursiveComparison().isEqualTo(figures(together.locks()));
        assertThat(merged.locks()).singleElement().satisfies(s -> {
            assertThat(s.count()).isEqualTo(60);
            assertThat(s.recordings()).containsExactly("rotated-0.jfr", "rotated-1.jfr", "rotated-2.jfr");
        });
    }

    /**
     * One JVM's rotated recordings: a monitor moved by a collection in the second recording, so the third sees it at a
     * new address only, and the agent summarised one lock in each. Read one at a time and merged, or together, each
     * is one lock of the JVM: one row at two addresses, one agent lock with every recording's waits, matched.
     */
    @Test
    void aLockSeenAtANewAddressOnlyInALaterRecordingOfItsJvmIsStillOneLock() {
        for (boolean oneAtATime : new boolean[] {true, false}) {
            Aggregator merged = oneAtATime ? Aggregator.merging() : new Aggregator();
            for (int file = 0; file < 3; file++) {
                long start = 1_000_000_000L + file * 10_000_000_000L;
                ChunkLayout layout = new ChunkLayout(Path.of("rotated-" + file + ".jfr"), 1000, 1000, 1, false, start,
                        start + 10_000_000_000L, List.of());
                Aggregator part = oneAtATime ? new Aggregator() : merged;
                RecordingVisitor v = part.visitorFor(layout);
                v.jvm("OpenJDK 64-Bit Server VM", "17", 4242, 1);
                for (int w = 0; w < 10; w++) {
                    v.waitEvent(new WaitEvent("jdk.JavaMonitorEnter", start + w * 1_000_000L, 2_000_000, 7, "t",
                            "com.example.Shared", file < 2 ? 0x42 : 0x77, null, stack(0, w)));
                }
                if (file == 1) {
                    v.garbageCollection(start + 5_000_000_000L);
                }
                v.agentSummary(new dev.lockscope.analyzer.model.AgentSummary("com.example.Shared", "com.example.Shared",
                        "monitor-class", 9, "measured: agent hooks", 1_000_000_000L, 10, 0, 0, 20_000_000, 2_000_000,
                        "", 10, 30_000_000, 3_000_000, 0, "t", 1.0, -1, -1, -1, -1, null, -1, null, null));
                if (oneAtATime) {
                    part.reduce(Map.of());
                    merged.absorb(part);
                }
            }
            String how = oneAtATime ? "merged one at a time" : "read together";
            assertThat(merged.locks()).as(how).singleElement().satisfies(s -> {
                assertThat(s.count()).isEqualTo(30);
                assertThat(s.addresses()).isEqualTo(2);
                assertThat(s.key().jvm()).isZero();
            });
            assertThat(merged.agentLocks()).as(how).singleElement().satisfies(a -> {
                assertThat(a.waits()).isEqualTo(30);
                assertThat(a.holds()).isEqualTo(30);
                assertThat(a.waitNanos()).isEqualTo(60_000_000);
                assertThat(a.maxHoldNanos()).isEqualTo(3_000_000);
                assertThat(a.jvm()).isZero();
                assertThat(a.owners().top(1)).singleElement().satisfies(o -> assertThat(o.count()).isEqualTo(30));
            });
        }
    }

    /**
     * A wait begun before its recording: whole where the JVM's recording before it covers its start (rotated files
     * read one at a time or together give the one-file figure), from its recording's start in the JVM's first
     * recording or after a gap (the time before is in no recording), and noted as cut there.
     */
    @Test
    void aWaitBegunInTheJvmsPreviousRecordingCountsWhole() {
        long second = 1_000_000_000L;
        // Three recordings of one JVM: [1 s, 11 s), [11 s, 21 s), then after a 60 s gap [81 s, 91 s).
        long[][] spans = {{1, 11}, {11, 21}, {81, 91}};
        for (boolean oneAtATime : new boolean[] {true, false}) {
            Aggregator merged = oneAtATime ? Aggregator.merging() : new Aggregator();
            for (int file = 0; file < spans.length; file++) {
                long start = spans[file][0] * second;
                ChunkLayout layout = new ChunkLayout(Path.of("rotated-" + file + ".jfr"), 1000, 1000, 1, false, start,
                        spans[file][1] * second, List.of());
                Aggregator part = oneAtATime ? new Aggregator() : merged;
                RecordingVisitor v = part.visitorFor(layout);
                v.jvm("OpenJDK 64-Bit Server VM", "17", 4242, 1);
                // Each recording's one wait began 3 s before it and lasted 5 s.
                v.waitEvent(new WaitEvent("jdk.JavaMonitorEnter", start - 3 * second, 5 * second, 7, "t",
                        "com.example.Shared", 0x42, null, stack(0, file)));
                if (oneAtATime) {
                    part.reduce(Map.of());
                    merged.absorb(part);
                }
            }
            String how = oneAtATime ? "merged one at a time" : "read together";
            assertThat(merged.locks()).as(how).singleElement().satisfies(s -> {
                assertThat(s.count()).isEqualTo(3);
                // 2 s of the first (its JVM recorded nothing before), 5 s of the second, 2 s of the third (after a gap).
                assertThat(s.totalNanos()).isEqualTo(9 * second);
                assertThat(s.maxNanos()).isEqualTo(5 * second);
            });
            assertThat(merged.recordings()).extracting(RecordingFacts::clippedWaits).as(how).containsExactly(1L, 0L, 1L);
            assertThat(merged.recordings()).extracting(RecordingFacts::clippedNanos).as(how)
                    .containsExactly(3 * second, 0L, 3 * second);
        }
    }
}
