package dev.lockscope.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The share of the machine's CPU time that other processes (and the hypervisor, as steal) took during a run: the
 * machine's busy time from {@code /proc/stat} less this process's own CPU time from {@code /proc/self/stat}, both in
 * clock ticks, over all CPUs' time. An example built for owners that keep running needs the CPUs mostly to itself;
 * this says whether it had them. -1 where /proc cannot be read (not Linux).
 */
final class OtherProcesses {
    private final long[] start = read();

    /** The other processes' share of all CPUs' time since this was made, or -1. */
    double share() {
        long[] end = read();
        if (start == null || end == null || end[1] <= start[1]) {
            return -1;
        }
        long others = (end[0] - start[0]) - (end[2] - start[2]);
        return Math.max(0, (double) others / (end[1] - start[1]));
    }

    /** {machine busy ticks, machine total ticks, this process's ticks}, or null. */
    private static long[] read() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal (guest time is already in user and nice)
            long busy = 0;
            long total = 0;
            for (int i = 1; i <= 8 && i < cpu.length; i++) {
                long v = Long.parseLong(cpu[i]);
                total += v;
                if (i != 4 && i != 5) {
                    busy += v;
                }
            }
            String self = Files.readString(Path.of("/proc/self/stat"));
            // Fields after the command's closing parenthesis: state is the 3rd field, utime and stime the 14th, 15th.
            String[] f = self.substring(self.lastIndexOf(')') + 2).trim().split("\\s+");
            long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return new long[] {busy, total, own};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
