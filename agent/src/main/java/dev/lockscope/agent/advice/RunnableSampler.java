package dev.lockscope.agent.advice;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Runnable threads per CPU, sampled from {@code /proc/self/task/TID/stat}: this process's threads in state R
 * (running or waiting for a CPU), over the CPUs the JVM may use ({@code availableProcessors}, which honours
 * cgroup quotas and CPU affinity).
 *
 * <p>Why the process's own threads rather than {@code /proc/stat procs_running}: the verdict this feeds is "run
 * fewer threads than now", a change to this program; the machine-wide count would blame it for other processes
 * (on a shared build host, the other jobs). The sampling thread itself is left out.
 *
 * <p>Cost: one open/read/close per thread per sample, a few microseconds each. The interval grows with the
 * measured cost so sampling stays under {@link #MAX_CPU_SHARE} of one CPU even with thousands of threads.
 * Cumulative totals are kept; readers take differences, so any number of readers each get their own periods.
 */
public final class RunnableSampler {
    /** 10 samples per 1 s summary period: enough for a mean, few wake-ups of a thread that competes for the CPUs. */
    public static final long MIN_INTERVAL_MS = 100;
    /** Sampling may use at most 1% of one CPU. */
    static final double MAX_CPU_SHARE = 0.01;

    private final int cpus;
    private final String unavailable;
    /** The sampling thread's tid (always the same thread), read once. */
    private int samplerTid;
    private final byte[] buf = new byte[512];
    /** {sum of runnable counts, samples} since start, replaced whole: readers never see half an update, and no lock. */
    private final java.util.concurrent.atomic.AtomicReference<long[]> totals = new java.util.concurrent.atomic.AtomicReference<>(new long[2]);
    private long intervalMs = MIN_INTERVAL_MS;

    public RunnableSampler() {
        this(Runtime.getRuntime().availableProcessors());
    }

    RunnableSampler(int cpus) {
        this.cpus = Math.max(1, cpus);
        File tasks = new File("/proc/self/task");
        this.unavailable = tasks.isDirectory() && tasks.list() != null ? null
                : "/proc/self/task is not readable here (not Linux, or /proc not mounted)";
    }

    /** Null when sampling works, else why the figure is missing. */
    public String unavailable() {
        return unavailable;
    }

    public int cpus() {
        return cpus;
    }

    /** The figure's label: where it comes from and how coarse it is. */
    public String source(long samplesInPeriod) {
        return "sampled (/proc/self/task/*/stat): this process's threads in state R (running or runnable) per CPU, "
                + cpus + " CPUs available, mean of " + samplesInPeriod + " samples";
    }

    /** How long to wait before the next sample (ms). */
    public long intervalMs() {
        return intervalMs;
    }

    /** Takes one sample now (on the caller's thread, which is left out of the count). */
    public void sample() {
        if (unavailable != null) {
            return;
        }
        long t0 = System.nanoTime();
        if (samplerTid == 0) {
            samplerTid = selfTid();
        }
        int self = samplerTid;
        String[] names = new File("/proc/self/task").list();
        if (names == null) {
            return;
        }
        int running = 0;
        for (String n : names) {
            int tid;
            try {
                tid = Integer.parseInt(n);
            } catch (NumberFormatException e) {
                continue;
            }
            if (tid != self && state(n) == 'R') {
                running++;
            }
        }
        long cost = System.nanoTime() - t0;
        long[] t = totals.get();
        totals.set(new long[] {t[0] + running, t[1] + 1}); // one writer: the sampling thread
        intervalMs = Math.max(MIN_INTERVAL_MS, (long) (cost / 1e6 / MAX_CPU_SHARE));
    }

    /** {sum of runnable counts, number of samples} since start. */
    public long[] totals() {
        return totals.get();
    }

    /** Runnable threads per CPU between two {@link #totals()} readings, or -1 when no sample fell between them. */
    public double perCpu(long[] before, long[] after) {
        long n = after[1] - before[1];
        return n <= 0 ? -1 : (after[0] - before[0]) / (double) n / cpus;
    }

    /** The state letter of a thread (the field after the command's closing parenthesis), or '?' . */
    private char state(String tid) {
        try (FileInputStream in = new FileInputStream("/proc/self/task/" + tid + "/stat")) {
            int len = in.read(buf);
            for (int i = len - 1; i > 0; i--) {
                if (buf[i] == ')') {
                    return i + 2 < len ? (char) buf[i + 2] : '?';
                }
            }
        } catch (IOException e) {
            // the thread ended between the listing and the read
        }
        return '?';
    }

    /** The calling thread's tid from /proc/thread-self ("PID/task/TID"), or -1. */
    private static int selfTid() {
        try {
            Path p = Files.readSymbolicLink(Paths.get("/proc/thread-self"));
            return Integer.parseInt(p.getFileName().toString());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
