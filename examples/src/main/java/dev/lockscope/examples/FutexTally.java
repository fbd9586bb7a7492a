package dev.lockscope.examples;

import dev.lockscope.probe.FutexCounting;
import dev.lockscope.probe.Probe;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The workers' futex system calls, counted by native-probe's eBPF sys_enter counter (measured), so a
 * before/after run of an example can compare parking costs, not only throughput. Off unless
 * {@code -Dlockscope.examples.futex=true} (the counter taxes every system call on the machine while open);
 * where the probe cannot count (not root, no eBPF) the printed line says why.
 */
final class FutexTally {
    static final String PROPERTY = "lockscope.examples.futex";
    private static final AtomicLong TOTAL = new AtomicLong();
    private static final AtomicLong THREADS = new AtomicLong();
    private static volatile String unavailable;
    private static FutexCounting counting;

    private FutexTally() {
    }

    /** Opens the counter if asked; returns null or why it cannot count. */
    static synchronized String open() {
        if (!Boolean.getBoolean(PROPERTY)) {
            return unavailable = "not asked (-D" + PROPERTY + "=true)";
        }
        if (counting != null) {
            return null;
        }
        try {
            FutexCounting c = Probe.get().futexCounting();
            String failure = c.available() ? c.startWindow() : c.capability().reason();
            if (failure != null) {
                return unavailable = failure;
            }
            counting = c;
            return null;
        } catch (Throwable t) {
            return unavailable = "native probe failed to load: " + t;
        }
    }

    /** A worker's count so far (call at its start and at its end; the difference is its calls in between). */
    static long now() {
        FutexCounting c = counting;
        if (c == null) {
            return -1;
        }
        long n = c.counts(Probe.get().currentTid()).total();
        return n;
    }

    static void add(long start, long end) {
        if (start >= 0 && end >= start) {
            TOTAL.addAndGet(end - start);
            THREADS.incrementAndGet();
        }
    }

    /** The line examples print: the count and its source, or why there is none. */
    static String line(double seconds) {
        if (counting == null || THREADS.get() == 0) {
            return "futex.calls unavailable: " + (unavailable != null ? unavailable : "no worker thread was counted");
        }
        return String.format(java.util.Locale.ROOT, "futex.calls %d (measured: eBPF sys_enter futex, %d workers, %.1f s)",
                TOTAL.get(), THREADS.get(), seconds);
    }
}
