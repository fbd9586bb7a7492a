package dev.lockscope.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * async-profiler's native library for a child JVM's {@code -agentpath:}, from the {@code tools.profiler:async-profiler}
 * jar on the test class path (it carries the library for Linux x86-64 and arm64).
 */
public final class AsyncProfilerLibrary {
    private AsyncProfilerLibrary() {
    }

    /** Why async-profiler cannot run here (a line for a skip), or null when it can. */
    public static String unavailableBecause() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || resource() == null) {
            return "skipped: the async-profiler test library is for Linux x86-64 and arm64, this is " + os + "/" + arch;
        }
        if (AsyncProfilerLibrary.class.getResource(resource()) == null) {
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
    public static Path copyTo(Path dir) throws IOException {
        Path lib = dir.resolve("libasyncProfiler.so");
        try (InputStream in = AsyncProfilerLibrary.class.getResourceAsStream(resource())) {
            if (in == null) {
                throw new IOException(String.valueOf(unavailableBecause()));
            }
            Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
        }
        return lib;
    }
}
