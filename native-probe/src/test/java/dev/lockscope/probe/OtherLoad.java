package dev.lockscope.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How much CPU other processes used over a stretch of a test: /proc/stat's busy ticks minus this process's own. */
final class OtherLoad {
    /** Below this many CPUs used by others, the machine counts as quiet. */
    static final double QUIET_CPUS = 0.05;

    private OtherLoad() {
    }

    /**
     * {busy ticks of all CPUs, all ticks of all CPUs, this process's ticks, steal ticks of all CPUs (time the
     * hypervisor ran something else on this guest's CPUs)}, or zeros when unreadable.
     */
    static long[] ticks() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long all = 0;
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]); // idle + iowait
            for (int i = 1; i < cpu.length; i++) {
                all += Long.parseLong(cpu[i]);
            }
            String self = Files.readString(Path.of("/proc/self/stat"));
            String[] f = self.substring(self.lastIndexOf(')') + 2).split(" ");
            long own = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime + stime
            long steal = cpu.length > 8 ? Long.parseLong(cpu[8]) : 0;
            return new long[] {all - idle, all, own, steal};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0, 0, 0};
        }
    }

    /** CPUs' worth of time other processes ran between the two readings (0 when unknown). */
    static double cpusUsedByOthers(long[] before, long[] after) {
        long allTicks = after[1] - before[1];
        if (allTicks <= 0) {
            return 0;
        }
        int cpus = Runtime.getRuntime().availableProcessors();
        double others = (after[0] - before[0]) - (after[2] - before[2]);
        return Math.max(0, others) * cpus / allTicks;
    }

    /** CPUs' worth of time the hypervisor stole from this guest between the two readings (0 when unknown). */
    static double cpusStolen(long[] before, long[] after) {
        long allTicks = after[1] - before[1];
        if (allTicks <= 0) {
            return 0;
        }
        return (after[3] - before[3]) * (double) Runtime.getRuntime().availableProcessors() / allTicks;
    }
}
