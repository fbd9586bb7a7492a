package dev.lockscope.agent.it;

import dev.lockscope.testsupport.ChildProcess;
import dev.lockscope.testsupport.Jdks;
import dev.lockscope.testsupport.Unprivileged;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Launches child JVMs (JDK 17 = the test JVM, JDK 25 found under /usr/lib/jvm) for the agent's integration tests. */
final class ChildJvm {
    static final Path AGENT_JAR = Paths.get(System.getProperty("lockscope.agentJar", "target/lockscope-agent.jar")).toAbsolutePath();
    static final Path TEST_CLASSES = Paths.get(System.getProperty("lockscope.testClasses", "target/test-classes")).toAbsolutePath();
    static final Path APP_LIBS = Paths.get(System.getProperty("lockscope.appLibs", "target/it-app-libs")).toAbsolutePath();
    static final Path SOURCES = Paths.get(System.getProperty("lockscope.testSources", "src/test/java")).toAbsolutePath();
    static final Path WORK = Paths.get(System.getProperty("lockscope.workDir", "target/it-work")).toAbsolutePath();

    /** Result of a finished child. */
    static final class Result {
        final int exit;
        final String out;
        final String err;

        Result(int exit, String out, String err) {
            this.exit = exit;
            this.out = out;
            this.err = err;
        }

        @Override
        public String toString() {
            return "exit=" + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    static Path java17() {
        return Jdks.current();
    }

    /** A JDK 25 java under /usr/lib/jvm, or empty. */
    static Optional<Path> java25() {
        return Optional.ofNullable(Jdks.find(25));
    }

    static Path jfrTool(Path java) {
        return Jdks.jfrTool(java);
    }

    static String classpath(Path... extra) {
        List<String> parts = new ArrayList<>();
        parts.add(TEST_CLASSES.toString());
        for (Path p : extra) {
            parts.add(p.toString());
        }
        return String.join(File.pathSeparator, parts);
    }

    static Result run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        ChildProcess.Result r = ChildProcess.of(command).run(timeoutSeconds);
        return new Result(r.exit(), r.out(), r.err());
    }

    /** A finished child run as user nobody and the recording its agent wrote. */
    record NobodyRun(Result result, Path recording) {
    }

    /**
     * Runs {@code app} with {@code args} on JDK 17 as user nobody (setpriv), the agent recording into a directory that
     * user may write, with {@code agentOptions} after {@code record=} (empty for none). Skips the test unless root
     * and setpriv are there.
     */
    static NobodyRun runAsNobody(String agentOptions, Class<?> app, String... args) throws IOException, InterruptedException {
        Unprivileged.assumePossible();
        Path dir = Unprivileged.sharedDirectory("lockscope-nobody");
        // A copy of the agent jar the unprivileged user can read, whatever the checkout's permissions.
        Path jar = Unprivileged.readableCopy(AGENT_JAR, dir.resolve("lockscope-agent.jar"));
        Path rec = dir.resolve("nobody.jfr");
        List<String> command = cmd(java17().toString(), "-Djava.io.tmpdir=" + dir,
                "-javaagent:" + jar + "=record=" + rec + (agentOptions.isEmpty() ? "" : "," + agentOptions),
                "-cp", TEST_CLASSES.toString(), app.getName());
        command.addAll(Arrays.asList(args));
        return new NobodyRun(run(Unprivileged.asNobody(command), 120), rec);
    }

    static List<String> cmd(String... parts) {
        return new ArrayList<>(Arrays.asList(parts));
    }

    /** The line number of the source line of {@code file} containing {@code marker}. */
    static int lineOf(String file, String marker) throws IOException {
        List<String> lines = Files.readAllLines(SOURCES.resolve("dev/lockscope/agent/it").resolve(file));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError(marker + " not in " + file);
    }

    /** Parses JfrDump's "summary|..." lines for one site prefix; fields as in JfrDump. */
    static String[] summary(String dump, String site, String lockClass) {
        for (String line : dump.split("\n")) {
            String[] f = line.split("\\|", -1);
            if (f[0].equals("summary") && f[1].equals(site) && f[2].equals(lockClass)) {
                return f;
            }
        }
        throw new AssertionError("no summary for " + site + " / " + lockClass + " in:\n" + dump);
    }
}
