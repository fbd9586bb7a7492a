package dev.lockscope.benchmarks.analyzer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;

/** Reads a process's peak resident set size (VmHWM) from /proc; the kernel keeps the high-water mark for us. */
final class PeakRss {

    private PeakRss() {
    }

    /** VmHWM of {@code pid} in KiB, or -1 when the process is gone or /proc does not say. */
    static long kib(long pid) {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // The process ended between polls: the caller keeps the last value it read.
        }
        return -1;
    }
}
