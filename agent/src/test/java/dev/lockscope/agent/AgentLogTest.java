package dev.lockscope.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The kept ring read while the agent's threads write to it: every snapshot is a consistent window of what was
 * written (each writer's lines in the order it wrote them, none twice, none missing once the ring has filled).
 */
class AgentLogTest {
    private static final int WRITERS = 3;
    private static final int READERS = 2;
    private static final int LINES_PER_WRITER = 60_000;

    @Test
    void aReasonWithLineBreaksReachesStderrAsOneLine() {
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream seen = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(seen, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            AgentLog.headline("native probe off (verifier: 0: r6 = r1\n  1: r7 = 0\r\nprocessed 7 insns\n)");
        } finally {
            System.setErr(err);
        }
        assertThat(seen.toString(java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("[lockscope] native probe off (verifier: 0: r6 = r1 / 1: r7 = 0 / processed 7 insns / )" + System.lineSeparator());
        assertThat(AgentLog.recent().lines().reduce((a, b) -> b)).as("kept as one line")
                .hasValue("native probe off (verifier: 0: r6 = r1 / 1: r7 = 0 / processed 7 insns / )");
        assertThat(AgentLog.oneLine("one line, untouched ")).isEqualTo("one line, untouched ");
    }

    @Test
    void readersSeeConsistentWindowsWhileWritersLog() throws Exception {
        AgentLog.mode("off"); // detail lines only go to the ring; nothing reaches the test's stderr
        try {
            logAndRead();
        } finally {
            AgentLog.mode("stderr");
        }
    }

    private static void logAndRead() throws InterruptedException {
        for (int i = 0; i < AgentLog.KEPT; i++) {
            AgentLog.detail("fill-" + i); // a full ring from the start: every snapshot has KEPT lines
        }
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<String> bad = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            String prefix = "w" + w + "-";
            threads.add(new Thread(() -> {
                await(start);
                for (int i = 0; i < LINES_PER_WRITER; i++) {
                    AgentLog.detail(prefix + i);
                }
            }));
        }
        long[] snapshots = new long[READERS];
        for (int r = 0; r < READERS; r++) {
            int reader = r;
            threads.add(new Thread(() -> {
                await(start);
                while (writing.get() && bad.get() == null) {
                    String problem = problem(AgentLog.recent());
                    if (problem != null) {
                        bad.compareAndSet(null, problem);
                    }
                    snapshots[reader]++;
                }
            }));
        }
        threads.forEach(Thread::start);
        start.countDown();
        for (Thread t : threads.subList(0, WRITERS)) {
            t.join();
        }
        writing.set(false);
        for (Thread t : threads.subList(WRITERS, threads.size())) {
            t.join();
        }
        assertThat(bad.get()).as("an inconsistent snapshot").isNull();
        assertThat(snapshots).as("snapshots taken by each reader while writers ran").doesNotContain(0L);
        // Once quiet: the last KEPT lines, exactly.
        List<String> last = List.of(AgentLog.recent().split("\n"));
        assertThat(last).hasSize(AgentLog.KEPT);
        assertThat(problem(String.join("\n", last))).isNull();
        assertThat(last).anyMatch(l -> l.endsWith("-" + (LINES_PER_WRITER - 1)));
    }

    /** What is wrong with one snapshot, or null: its size, a line twice, or lines out of the order they were written. */
    private static String problem(String snapshot) {
        String[] lines = snapshot.split("\n");
        if (lines.length != AgentLog.KEPT) {
            return lines.length + " lines, not " + AgentLog.KEPT + ":\n" + snapshot;
        }
        Set<String> seen = new HashSet<>();
        Map<String, Integer> lastOfWriter = new HashMap<>();
        for (String line : lines) {
            if (!seen.add(line)) {
                return "'" + line + "' twice:\n" + snapshot;
            }
            int dash = line.indexOf('-');
            if (line.startsWith("fill-")) {
                if (!lastOfWriter.isEmpty()) {
                    return "'" + line + "', written before every writer's line, after one:\n" + snapshot;
                }
                continue;
            }
            int seq = Integer.parseInt(line.substring(dash + 1));
            Integer before = lastOfWriter.put(line.substring(0, dash), seq);
            if (before != null && before >= seq) {
                return "'" + line + "' after its writer's line " + before + ":\n" + snapshot;
            }
        }
        return null;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
