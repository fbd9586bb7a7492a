package dev.lockscope.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.testsupport.AsyncProfilerLibrary;
import dev.lockscope.testsupport.JavaCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

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
        return AsyncProfilerLibrary.unavailableBecause();
    }

    /** Copies the library out of its jar into {@code dir} (a JVM loads agents from files only). */
    static Path library(Path dir) throws IOException {
        return AsyncProfilerLibrary.copyTo(dir);
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
