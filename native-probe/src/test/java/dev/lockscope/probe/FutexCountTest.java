package dev.lockscope.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A 10,000-round park/unpark ping-pong: the eBPF futex counts of the two threads must match an independent
 * count of the same threads' futex calls (strace attached to exactly those two tids) within 2%.
 */
class FutexCountTest {
    static final int ROUNDS = 10_000;

    /** Two threads handing a turn back and forth with LockSupport.park/unpark. */
    static final class PingPong {
        volatile int turn;
        volatile Thread a;
        volatile Thread b;
        final CountDownLatch go = new CountDownLatch(1);
        final CountDownLatch done = new CountDownLatch(2);
        final CountDownLatch exit = new CountDownLatch(1);
        final int[] tids = new int[2];
        final CountDownLatch ready = new CountDownLatch(2);

        void start() throws InterruptedException {
            a = player(0);
            b = player(1);
            ready.await();
        }

        private Thread player(int me) {
            Thread t = new Thread(() -> {
                tids[me] = Tids.current();
                ready.countDown();
                await(go);
                for (int i = 0; i < ROUNDS; i++) {
                    while (turn != me) {
                        LockSupport.park(this);
                    }
                    turn = 1 - me;
                    LockSupport.unpark(me == 0 ? b : a);
                }
                done.countDown();
                await(exit); // stay alive (blocked) until counts are read
            }, "pingpong-" + me);
            t.setDaemon(true);
            t.start();
            return t;
        }

        private static void await(CountDownLatch l) {
            try {
                l.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String strace() {
        for (String p : List.of("/usr/bin/strace", "/bin/strace")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return null;
    }

    @Test
    void pingPongFutexCountsMatchStraceWithin2Percent() throws Exception {
        Probe probe = Probe.get();
        assumeTrue("root".equals(System.getProperty("user.name")), "skipped: needs root for eBPF and strace -p");
        String strace = strace();
        assumeTrue(strace != null, "skipped: strace not installed (.ci/run installs it)");
        FutexCounting futex = probe.futexCounting();
        assertThat(futex.available()).as(futex.capability().toString()).isTrue();

        PingPong pp = new PingPong();
        pp.start();
        assertThat(futex.startWindow()).isNull();
        Path log = Files.createTempFile("lockscope-strace", ".txt");
        Process st = null;
        try {
            Thread.sleep(50); // both players are now blocked in futex wait on the latch
            FutexCounts a0 = futex.counts(pp.tids[0]);
            FutexCounts b0 = futex.counts(pp.tids[1]);
            st = new ProcessBuilder(strace, "-e", "trace=futex", "-o", log.toString(),
                    "-p", Integer.toString(pp.tids[0]), "-p", Integer.toString(pp.tids[1])).redirectErrorStream(true).start();
            BufferedReader err = new BufferedReader(new InputStreamReader(st.getInputStream(), StandardCharsets.UTF_8));
            int attached = 0;
            String line;
            while (attached < 2 && (line = err.readLine()) != null) {
                if (line.contains("attached")) {
                    attached++;
                }
            }
            assertThat(attached).as("strace attached to both players").isEqualTo(2);
            pp.go.countDown();
            assertThat(pp.done.await(120, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(100); // both players are blocked on the exit latch again
            st.destroy(); // SIGTERM: strace detaches and flushes its log
            st.waitFor(10, TimeUnit.SECONDS);
            FutexCounts a1 = futex.counts(pp.tids[0]);
            FutexCounts b1 = futex.counts(pp.tids[1]);

            long ourWaits = a1.waits() - a0.waits() + b1.waits() - b0.waits();
            long ourWakes = a1.wakes() - a0.wakes() + b1.wakes() - b0.wakes();
            long ourTotal = a1.total() - a0.total() + b1.total() - b0.total();
            long[] theirs = countStraceLog(log);
            System.out.printf("futex calls of the two players: eBPF %d wait / %d wake / %d total; strace %d wait / %d wake / %d total; window %d ms%n",
                    ourWaits, ourWakes, ourTotal, theirs[0], theirs[1], theirs[2], a1.coveredNs() / 1_000_000);
            assertThat(a1.provenance()).isEqualTo(Provenance.MEASURED_EBPF);
            assertThat(a1.windows()).isGreaterThanOrEqualTo(1);
            assertThat(theirs[2]).isGreaterThan(ROUNDS); // at least one futex call per round: the test would catch a dead counter
            assertWithin2Percent("total", ourTotal, theirs[2]);
            assertWithin2Percent("waits", ourWaits, theirs[0]);
            assertWithin2Percent("wakes", ourWakes, theirs[1]);
        } finally {
            futex.stopWindow();
            if (st != null) {
                st.destroyForcibly();
            }
            pp.exit.countDown();
            Files.deleteIfExists(log);
        }
    }

    private static void assertWithin2Percent(String what, long ours, long theirs) {
        assertThat((double) ours).as(what + ": eBPF " + ours + " vs strace " + theirs)
                .isBetween(theirs * 0.98, theirs * 1.02);
    }

    /** {waits, wakes, total} from strace lines; each call has exactly one line starting "futex(" (resumed lines do not). */
    static long[] countStraceLog(Path log) throws Exception {
        long waits = 0, wakes = 0, total = 0;
        for (String l : Files.readAllLines(log)) {
            String s = l.replaceFirst("^\\d+\\s+", "");
            if (!s.startsWith("futex(")) {
                continue;
            }
            total++;
            if (s.contains("FUTEX_WAIT,") || s.contains("FUTEX_WAIT_PRIVATE") || s.contains("FUTEX_WAIT_BITSET")) {
                waits++;
            } else if (s.contains("FUTEX_WAKE,") || s.contains("FUTEX_WAKE_PRIVATE") || s.contains("FUTEX_WAKE_BITSET")) {
                wakes++;
            }
        }
        return new long[] {waits, wakes, total};
    }
}
