package dev.lockscope.realworld;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The figures a driver prints, one {@code key=value} line each on stdout, the same keys for every application
 * so tests and benchmarks/run-realworld read them alike: {@code ready.ms} (services: from the JVM's start to
 * the first answer), {@code ops}, {@code ops.per.second}, {@code cpu.ns.per.op} (the whole process's CPU time
 * over the measured window per operation), {@code jit.cpu.ns.per.op} (of that, the JIT compiler threads'),
 * {@code cpu.ns.per.op.without.jit} (the difference: the one-time cost of compiling left out), {@code rss.peak.kb},
 * {@code heap.live.kb} (heap in use after a full GC at the end: beside a run without it, what an agent retains) and
 * {@code errors}.
 */
public final class Figures {
    private Figures() {
    }

    /** Milliseconds since the JVM started (its start time as the JVM records it, before any agent runs). */
    public static long sinceJvmStartMillis() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    public static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Peak resident set (VmHWM), or -1 where /proc does not say. */
    public static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no figure
        }
        return -1;
    }

    /** Heap in use right after a full collection. */
    public static long liveHeapKb() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024;
    }

    public static void print(String key, Object value) {
        System.out.println(key + "=" + (value instanceof Double d ? String.format(Locale.ROOT, "%.1f", d) : value));
    }

    /** Prints the load's figures and the peak RSS; returns the exit code: 0, or 1 when any operation failed. */
    public static int printLoad(Load.Result r) {
        print("ops", r.ops());
        print("ops.per.second", r.opsPerSecond());
        print("cpu.ns.per.op", r.ops() == 0 ? -1L : r.cpuNanos() / r.ops());
        boolean jitKnown = r.ops() > 0 && r.jitCpuNanos() >= 0;
        print("jit.cpu.ns.per.op", jitKnown ? r.jitCpuNanos() / r.ops() : -1L);
        print("cpu.ns.per.op.without.jit", jitKnown ? (r.cpuNanos() - r.jitCpuNanos()) / r.ops() : -1L);
        print("rss.peak.kb", peakRssKb());
        print("heap.live.kb", liveHeapKb());
        print("errors", r.errors());
        if (r.firstError() != null) {
            System.err.println("first failed operation: " + r.firstError());
            return 1;
        }
        return 0;
    }
}
