package dev.lockscope.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.testsupport.JavaCommand;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * Runs a test program in a child JVM under async-profiler's lock mode, as users do
 * ({@code -agentpath:libasyncProfiler.so=start,event=lock,lock=...,jfr,file=...}). The native library comes from
 * the {@code tools.profiler:async-profiler} jar on the test class path, which carries it for Linux x86-64 and arm64.
 */
final class AsyncProfilerRun {
    private AsyncProfilerRun() {
    }

    /** Why async-profiler cannot run here, or null when it can. */
    static String unavailableBecause() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || resource() == null) {
            return "skipped: the async-profiler test library is for Linux x86-64 and arm64, this is " + os + "/" + arch;
        }
        if (AsyncProfilerRun.class.getResource(resource()) == null) {
            return "skipped: " + resource() + " is not on the test class path (tools.profiler:async-profiler)";
        }
        return null;
    }

    /** The library's place in the jar for this machine's architecture, or null for one it does not carry. */
    private static String resource() {
        switch (System.getProperty("os.arch", "")) {
            case "amd64":
            case "x86_64":
                return "/linux-x64/libasyncProfiler.so";
            case "aarch64":
                return "/linux-arm64/libasyncProfiler.so";
            default:
                return null;
        }
    }

    /** Copies the library out of its jar into {@code dir} (a JVM loads agents from files only). */
    static Path library(Path dir) throws IOException {
        Path lib = dir.resolve("libasyncProfiler.so");
        try (InputStream in = AsyncProfilerRun.class.getResourceAsStream(resource())) {
            Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
        }
        return lib;
    }

    /**
     * Runs {@code main} with {@code java} under async-profiler writing {@code jfr} with {@code lock=lockOption};
     * fails the test unless the child exits 0 within {@code timeoutSeconds}. Returns what the child printed.
     */
    static List<String> record(Path java, Path dir, Path jfr, String lockOption, List<String> jvmOptions,
                               Class<?> main, long timeoutSeconds) throws IOException, InterruptedException {
        String printed = JavaCommand.of(java, main)
                .jvm("-agentpath:" + library(dir) + "=start,event=lock,lock=" + lockOption + ",jfr,file=" + jfr)
                .jvm(jvmOptions).process().in(dir).mergeErrors().run(timeoutSeconds).ok().out();
        assertThat(jfr).as(printed).exists();
        return printed.lines().toList();
    }

    /** The number the child printed after {@code key} on a line of its own ("key 123"). */
    static long printed(List<String> lines, String key) {
        return lines.stream().filter(l -> l.startsWith(key + " ")).map(l -> l.substring(key.length() + 1).trim())
                .mapToLong(Long::parseLong).findFirst()
                .orElseThrow(() -> new AssertionError("child printed no '" + key + "': " + lines));
    }
}
