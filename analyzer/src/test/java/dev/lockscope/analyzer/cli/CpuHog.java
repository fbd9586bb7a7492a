package dev.lockscope.analyzer.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** Busy-spinning threads, one per CPU: a machine whose CPUs other work keeps busy. */
final class CpuHog implements AutoCloseable {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final long startedAt = System.nanoTime();
    private long cpuNanos;
    private long wallNanos;

    private CpuHog(int n) {
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(() -> {
                long x = 1;
                while (!stop.get()) {
                    x = x * 6364136223846793005L + 1442695040888963407L;
                }
                if (x == 42) {
                    System.out.print(""); // keeps the loop's work observable
                }
                addCpu(THREADS.getCurrentThreadCpuTime());
            }, "cpu-hog-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    static CpuHog start(int threads) {
        return new CpuHog(threads);
    }

    private synchronized void addCpu(long nanos) {
        cpuNanos += Math.max(0, nanos);
    }

    /** CPU time the spinners got, over their wall time x their number: how busy they kept the CPUs (after close). */
    synchronized double busyShare() {
        return cpuNanos / ((double) wallNanos * threads.size());
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        wallNanos = System.nanoTime() - startedAt;
        for (Thread t : threads) {
            t.join();
        }
    }
}
