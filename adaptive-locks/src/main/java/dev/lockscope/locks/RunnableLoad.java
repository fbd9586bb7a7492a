package dev.lockscope.locks;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The portable "is the owner likely running?" signal: are there more runnable threads than CPUs? Read from
 * the fourth field of /proc/loadavg ("running/total"), sampled at most every {@link #PERIOD_NANOS} by one
 * thread at a time. Where /proc is missing the count is unknown (-1).
 */
final class RunnableLoad {
    static final long PERIOD_NANOS = 5_000_000L;
    static final int CPUS = Runtime.getRuntime().availableProcessors();
    private static final String LOADAVG = "/proc/loadavg";
    private static final AtomicLong lastSample = new AtomicLong(System.nanoTime() - 2 * PERIOD_NANOS);
    private static volatile int runnable = readRunnable();

    private RunnableLoad() {
    }

    /** The latest sampled number of runnable threads in the system, or -1 if unknown. */
    static int runnable() {
        long now = System.nanoTime();
        long last = lastSample.get();
        if (now - last >= PERIOD_NANOS && lastSample.compareAndSet(last, now)) {
            runnable = readRunnable();
        }
        return runnable;
    }

    static String source() {
        return runnable < 0 ? "no runnable-thread count (no " + LOADAVG + "): learned spin budget only"
                : "runnable threads from " + LOADAVG + " (sampled every " + PERIOD_NANOS / 1_000_000 + " ms)";
    }

    static int readRunnable() {
        byte[] buf = new byte[128];
        int n;
        try (RandomAccessFile f = new RandomAccessFile(LOADAVG, "r")) {
            n = f.read(buf);
        } catch (IOException | SecurityException e) {
            return -1;
        }
        return parseRunning(buf, n);
    }

    /** Parses "0.00 0.01 0.05 3/123 4567": the number before the slash. */
    static int parseRunning(byte[] buf, int n) {
        for (int i = 0; i < n; i++) {
            if (buf[i] != '/') continue;
            int j = i - 1;
            int value = 0;
            int scale = 1;
            while (j >= 0 && buf[j] >= '0' && buf[j] <= '9') {
                value += (buf[j] - '0') * scale;
                scale *= 10;
                j--;
            }
            return scale == 1 ? -1 : value;
        }
        return -1;
    }
}
