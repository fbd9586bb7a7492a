package dev.lockscope.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a child process to its end within a timeout. Its output goes to files, not pipes, so a child that prints more
 * than a pipe holds never blocks while the test waits; a child past its timeout is killed with its descendants and
 * fails the test with what it printed.
 */
public final class ChildProcess {
    private final List<String> command;
    private Path directory;
    private boolean mergeErrors;

    private ChildProcess(List<String> command) {
        this.command = List.copyOf(command);
    }

    public static ChildProcess of(List<String> command) {
        return new ChildProcess(command);
    }

    public static ChildProcess of(String... command) {
        return of(Arrays.asList(command));
    }

    /** The child's working directory (default: this test's). */
    public ChildProcess in(Path dir) {
        directory = dir;
        return this;
    }

    /** stderr into stdout, interleaved as written: {@link Result#out()} holds both, {@link Result#err()} is empty. */
    public ChildProcess mergeErrors() {
        mergeErrors = true;
        return this;
    }

    /** What it printed and how it ended; an {@link AssertionError} when it runs longer than {@code timeoutSeconds}. */
    public Result run(long timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("child", ".out");
        Path err = Files.createTempFile("child", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile());
            if (mergeErrors) {
                pb.redirectErrorStream(true);
            } else {
                pb.redirectError(err.toFile());
            }
            if (directory != null) {
                pb.directory(directory.toFile());
            }
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                kill(p);
                throw new AssertionError("child ran past its " + timeoutSeconds + " s: " + String.join(" ", command)
                        + "\n" + new Result(-1, read(out), read(err)));
            }
            return new Result(p.exitValue(), read(out), read(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Starts it with its output discarded, for a child the test talks to while it runs; end it with {@link #kill}. */
    public Process start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        if (directory != null) {
            pb.directory(directory.toFile());
        }
        return pb.start();
    }

    /** Ends {@code p} and every process it started, and waits (briefly) for it to be gone. */
    public static void kill(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** A finished child: its exit code and what it wrote to stdout and stderr. */
    public record Result(int exit, String out, String err) {
        /** This result, or an {@link AssertionError} showing the child's output when it exited otherwise. */
        public Result expectExit(int code) {
            if (exit != code) {
                throw new AssertionError("child exited " + exit + ", expected " + code + "\n" + this);
            }
            return this;
        }

        /** {@code expectExit(0)}. */
        public Result ok() {
            return expectExit(0);
        }

        @Override
        public String toString() {
            return "exit=" + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }
}
