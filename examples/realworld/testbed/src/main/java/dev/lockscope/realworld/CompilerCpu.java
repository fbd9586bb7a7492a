package dev.lockscope.realworld;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of the JVM's JIT compiler threads (C1 and C2), from the kernel's per-thread accounting in
 * {@code /proc/self/task/TID/stat}. Compiling is where an agent's late-warming code costs the most in the first
 * tens of seconds, and it is spent once: beside the whole process's CPU, it tells a one-time cost from a steady one.
 * A compiler thread that exits inside a window takes its time with it (HotSpot stops idle compiler threads), so the
 * figure can only be low, never high. The JVM does not name these threads to Java code (they are hidden from
 * ThreadMXBean), hence /proc.
 */
public final class CompilerCpu {
    /** USER_HZ, the unit of the stat file's times: 100 on every Linux ABI the JDK runs on. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private CompilerCpu() {
    }

    /** Summed CPU time of the live compiler threads (ns), or -1 where /proc does not say (not Linux). */
    public static long nanos() {
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                ticks += compilerTicks(task.resolve("stat"));
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return ticks * NANOS_PER_TICK;
    }

    private static long compilerTicks(Path stat) {
        String line;
        try {
            line = Files.readString(stat);
        } catch (IOException e) {
            return 0; // the thread ended while listed
        }
        return ticksIfCompiler(line);
    }

    /**
     * utime + stime of one stat line when its command is a JIT compiler thread ("C1 CompilerThre", "C2 CompilerThre":
     * the kernel keeps 15 characters of the name), else 0. The command may hold spaces and parentheses, so fields
     * are counted after its last ')'.
     */
    static long ticksIfCompiler(String statLine) {
        int open = statLine.indexOf('(');
        int close = statLine.lastIndexOf(')');
        if (open < 0 || close < open) {
            return 0;
        }
        String comm = statLine.substring(open + 1, close);
        if (!(comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre"))) {
            return 0;
        }
        // After ')': state(3) ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime(14) stime(15)
        String[] f = statLine.substring(close + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
