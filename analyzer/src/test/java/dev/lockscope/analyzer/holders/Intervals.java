package dev.lockscope.analyzer.holders;

import java.util.ArrayList;
import java.util.List;

/**
 * Time intervals one thread measured around what it did ({@link System#nanoTime}): the planted programs' own account,
 * against which the report's shares are checked. One thread's intervals do not overlap each other.
 */
public final class Intervals {
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private final List<long[]> spans = new ArrayList<>();
    private long cpuNanos;

    public synchronized void add(long start, long end) {
        spans.add(new long[] {start, end});
    }

    public synchronized long total() {
        long t = 0;
        for (long[] s : spans) {
            t += s[1] - s[0];
        }
        return t;
    }

    public synchronized int count() {
        return spans.size();
    }

    /** The time these intervals overlap {@code windows} (both are in time order: each is one thread's). */
    public long overlap(Intervals windows) {
        List<long[]> a;
        List<long[]> b;
        synchronized (this) {
            a = new ArrayList<>(spans);
        }
        synchronized (windows) {
            b = new ArrayList<>(windows.spans);
        }
        long total = 0;
        int j = 0;
        for (long[] s : a) {
            while (j < b.size() && b.get(j)[1] <= s[0]) {
                j++;
            }
            for (int k = j; k < b.size() && b.get(k)[0] < s[1]; k++) {
                total += Math.max(0, Math.min(s[1], b.get(k)[1]) - Math.max(s[0], b.get(k)[0]));
            }
        }
        return total;
    }

    /** The CPU time the measured thread had in the intervals timed by {@link #timeOnCpu}. */
    public synchronized long cpuNanos() {
        return cpuNanos;
    }

    /**
     * Runs {@code work} measured into this, with the thread's CPU time in it: on a machine other work keeps busy, a
     * computing thread has a CPU only part of the time, and JFR's sampler catches it only then.
     */
    public void timeOnCpu(Runnable work) {
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        work.run();
        long t1 = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
        synchronized (this) {
            spans.add(new long[] {t0, t1});
            cpuNanos += cpu;
        }
    }

    /** Runs {@code work} measured into this, returning its result. */
    public <T> T time(java.util.concurrent.Callable<T> work) throws Exception {
        long t0 = System.nanoTime();
        try {
            return work.call();
        } finally {
            add(t0, System.nanoTime());
        }
    }
}
