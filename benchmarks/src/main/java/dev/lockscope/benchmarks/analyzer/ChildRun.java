package dev.lockscope.benchmarks.analyzer;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command in a child process, timing it from start to exit and polling its peak RSS every 10 ms
 * (VmHWM only grows, so the last value read before exit misses at most the final 10 ms).
 */
record ChildRun(List<String> command, double wallSeconds, long peakRssKib, int exitCode, boolean timedOut,
                String stdout, String stderr) {

    static ChildRun run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("lockscope-bench", ".out");
        Path err = Files.createTempFile("lockscope-bench", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            long t0 = System.nanoTime();
            Process p = pb.start();
            long peak = -1;
            boolean timedOut = false;
            long deadline = t0 + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (!p.waitFor(10, TimeUnit.MILLISECONDS)) {
                peak = Math.max(peak, PeakRss.kib(p.pid()));
                if (System.nanoTime() > deadline) {
                    timedOut = true;
                    p.destroyForcibly();
                    p.waitFor();
                    break;
                }
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            // A Java child reports its own VmHWM at exit too (exact); take whichever is higher.
            for (String line : stdout.split("\n")) {
                if (line.startsWith("vmhwm.kib ")) {
                    peak = Math.max(peak, Long.parseLong(line.substring(10).trim()));
                }
            }
            return new ChildRun(command, wall, peak, timedOut ? -1 : p.exitValue(), timedOut, stdout,
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The value of a {@code key value} line the child printed, or -1. */
    long value(String key) {
        for (String line : stdout.split("\n")) {
            if (line.startsWith(key + " ")) {
                return Long.parseLong(line.substring(key.length() + 1).trim());
            }
        }
        return -1;
    }

    /** The child's last stderr line, for saying why it failed. */
    String lastErrorLine() {
        String[] lines = stderr.strip().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1];
    }
}
