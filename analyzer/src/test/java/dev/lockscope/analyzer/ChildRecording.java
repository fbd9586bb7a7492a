package dev.lockscope.analyzer;

import dev.lockscope.testsupport.ChildProcess;
import dev.lockscope.testsupport.JavaCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Runs one of the test programs in a child JVM under {@code -XX:StartFlightRecording}: a recording as users make it. */
final class ChildRecording {
    private ChildRecording() {
    }

    /**
     * Runs {@code main} (from this test class path) with {@code java} and the given recording option; fails the test
     * unless it ends with exit code 0 within {@code timeoutSeconds} (the child's output is the failure's message).
     * {@code jvmOptions} go before the class path (e.g. a heap size). The child runs in {@code dir}, so anything it
     * leaves behind (a crash log) stays out of the module's folder.
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
        return run(java, recordingOption, jvmOptions, main, args, dir, timeoutSeconds);
    }

    private static String run(Path java, String recordingOption, List<String> jvmOptions, Class<?> main, List<String> args,
                              Path dir, long timeoutSeconds) throws IOException, InterruptedException {
        List<String> cmd = JavaCommand.of(java, main).jvm(recordingOption, "-Xlog:jfr+startup=warning").jvm(jvmOptions)
                .args(args).toList();
        return ChildProcess.of(cmd).in(dir).mergeErrors().run(timeoutSeconds).ok().out();
    }
}
