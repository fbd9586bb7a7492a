package dev.lockscope.agent.advice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Threads spinning on a CPU are in state R (running or runnable) whatever the machine's load: they must be counted. */
class RunnableSamplerTest {
    private static final int SPINNERS = 4;

    private static double mean(RunnableSampler s, int samples) throws InterruptedException {
        long[] before = s.totals();
        for (int i = 0; i < samples; i++) {
            s.sample();
            Thread.sleep(5);
        }
        return s.perCpu(before, s.totals());
    }

    @Test
    void countsThisProcesssSpinningThreadsPerCpu() throws Exception {
        RunnableSampler s = new RunnableSampler(1); // one CPU: per-CPU figure = thread count
        assertThat(s.unavailable()).isNull();
        double idle = mean(s, 20);
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> spinners = new ArrayList<>();
        for (int i = 0; i < SPINNERS; i++) {
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    Thread.onSpinWait();
                }
            });
            t.start();
            spinners.add(t);
        }
        double busy;
        try {
            Thread.sleep(50);
            busy = mean(s, 20);
        } finally {
            stop.set(true);
            for (Thread t : spinners) {
                t.join();
            }
        }
        System.out.printf("RunnableSamplerTest: idle %.2f, with %d spinners %.2f runnable threads%n", idle, SPINNERS, busy);
        // Every spinner is R in every sample; other threads of the test JVM (JIT, GC) may add a little.
        assertThat(busy).isGreaterThanOrEqualTo(SPINNERS);
        // The idle figure can include the test JVM's own JIT and GC threads at work (1.85 seen once), which the busy
        // samples need not: the rise must still be most of the spinners.
        assertThat(busy - idle).isGreaterThan(SPINNERS / 2.0);
        assertThat(s.source(20)).startsWith("sampled (/proc/self/task/*/stat)");
    }

    @Test
    void noSampleInAPeriodGivesNoFigure() {
        RunnableSampler s = new RunnableSampler(2);
        long[] t = s.totals();
        assertThat(s.perCpu(t, s.totals())).isEqualTo(-1);
    }
}
