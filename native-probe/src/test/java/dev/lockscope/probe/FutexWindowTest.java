package dev.lockscope.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** Futex counting is off by default, runs only inside windows, and its counts carry the time they cover. */
class FutexWindowTest {
    @Test
    void offByDefaultAndDutyCycleCoversItsShare() throws Exception {
        Probe probe = Probe.get();
        FutexCounting f = probe.futexCounting();
        assumeTrue(f.available() && probe.ebpfActive(), "skipped: eBPF futex counting unavailable: " + f.capability());
        assertThat(f.counting()).as("off by default").isFalse();
        assertThat(f.capability().detail()).contains("duty cycle off");

        // a thread making ~1000 futex calls per second (parkNanos(1 ms) = one futex wait each)
        TestThreads.Worker parker = new TestThreads.Worker("parker", stop -> {
            while (!stop.get()) {
                LockSupport.parkNanos(1_000_000);
            }
        });
        try {
            Thread.sleep(50);
            FutexCounts before = f.counts(parker.tid());
            Thread.sleep(300);
            FutexCounts idle = f.counts(parker.tid());
            assertThat(idle.waits()).as("no counting outside windows").isEqualTo(before.waits());
            assertThat(idle.coveredNs()).isEqualTo(before.coveredNs());

            long t0 = System.nanoTime();
            assertThat(f.startDutyCycle(50, 200)).isTrue();
            Thread.sleep(1000);
            f.stopDutyCycle();
            long elapsed = System.nanoTime() - t0;
            FutexCounts after = f.counts(parker.tid());
            long covered = after.coveredNs() - idle.coveredNs();
            long windows = after.windows() - idle.windows();
            long waits = after.waits() - idle.waits();
            System.out.printf("duty 50/200 ms over %d ms: %d windows covering %d ms, %d waits counted%n",
                    elapsed / 1_000_000, windows, covered / 1_000_000, waits);
            assertThat(windows).isBetween(4L, 6L);
            assertThat((double) covered / elapsed).isBetween(0.15, 0.40);
            // ~1 wait per ms while covered; generous bounds for a loaded 2-CPU machine
            assertThat(waits).isBetween(covered / 1_000_000 / 4, covered / 1_000_000 + 20);
            assertThat(f.counting()).isFalse();
        } finally {
            f.stopDutyCycle();
            parker.stopAndJoin();
        }
    }
}
