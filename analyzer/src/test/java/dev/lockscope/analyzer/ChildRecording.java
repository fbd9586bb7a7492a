package dev.lockscope.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one of the test programs in a child JVM under {@code -XX:StartFlightRecording}: a recording as users make it. */
final class ChildRecording {
    private ChildRecording() {
    }

    /**
     * Runs {@code main} (from this test class path) with {@code java} and the given recording option; fails the test
     * unless it ends with exit code 0 within {@code timeoutSeconds} (the child's output is the failure's message).
     * {@code jvmOptions} go before the class path (e.g. a heap size).
     */
    static void run(Path java, String recordingOption, Class<?> main, Path dir, long timeoutSeconds,
                    String... jvmOptions) throws IOException, InterruptedException {
        run(java, recordingOption, List.of(jvmOptions), main, List.of(), dir, timeoutSeconds);
    }

    /** As above, with arguments for {@code main}. */
    static void run(Path java, String recordingOption, List<String> args, Class<?> main, Path dir, long timeoutSeconds)
            throws IOException, InterruptedException {
        run(java, recordingOption, List.of(), main, args, dir, timeoutSeconds);
    }

    /** As above, with JVM options and arguments for {@code main}; returns what the child printed. */
    static String output(Path java, String recordingOption, List<String> jvmOptions, Class<?> main, List<String> args,
                         Path dir, long timeoutSeconds) throws IOException, InterruptedException {
        return Files.readString(run(java, recordingOption, jvmOptions, main, args, dir, timeoutSeconds));
    }

    private static Path run(Path java, String recordingOption, List<String> jvmOptions, Class<?> main, List<String> args,
                            Path dir, long timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "child", ".log");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), recordingOption, "-Xlog:jfr+startup=warning"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(timeoutSeconds, TimeUnit.SECONDS)).as("child finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(log)).isZero();
        return log;
    }
}
