package dev.lockscope.realworld;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.analyzer.Analysis;
import dev.lockscope.analyzer.read.JmcRecordingReader;
import dev.lockscope.analyzer.read.RecordingException;
import dev.lockscope.analyzer.report.Report;
import dev.lockscope.analyzer.report.Report.LockRow;
import dev.lockscope.testsupport.ChildProcess;
import dev.lockscope.testsupport.JavaCommand;
import dev.lockscope.testsupport.Jdks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Runs a real application's driver in a child JVM, with or without the lockscope agent, on the class path its
 * module resolved from Maven Central (system properties set by the module's surefire configuration).
 */
public final class RealApp {
    private RealApp() {
    }

    /** What one run did: exit code, stdout and stderr, and the driver's {@code key=value} figures. */
    public record Run(int exit, String stdout, String stderr, Map<String, String> figures) {
        public double figure(String key) {
            assertThat(figures).as("figure " + key + " in\n" + stdout).containsKey(key);
            return Double.parseDouble(figures.get(key));
        }

        /** The stdout lines with every figure's value blanked: what must not change under the agent. */
        public List<String> shape() {
            return stdout.lines().map(l -> l.matches("[a-z.]+=.*") ? l.substring(0, l.indexOf('=') + 1) : l).toList();
        }

        /** The stderr lines the agent wrote. */
        public List<String> agentLines() {
            return stderr.lines().filter(l -> l.startsWith("[lockscope]")).toList();
        }

        /** The stderr lines the application wrote (all but the agent's). */
        public List<String> applicationStderr() {
            return stderr.lines().filter(l -> !l.startsWith("[lockscope]")).toList();
        }
    }

    public static Path agentJar() {
        Path jar = Path.of(System.getProperty("lockscope.home", "../../.."), "agent", "target", "lockscope-agent.jar");
        assertThat(jar).as("agent jar (build the reactor: mvn -B -ntp verify)").isRegularFile();
        return jar;
    }

    public static Path java17() {
        return Jdks.current();
    }

    /** The JDKs each application is tried on: 17 (the one running the tests) and 25 where installed (else null). */
    public static Stream<Arguments> jdks() {
        return Jdks.seventeenAndTwentyFive();
    }

    /** The launcher of that JDK, or the test is skipped with a visible line when it is not installed. */
    public static Path java(int feature, Path java) {
        return Jdks.require(feature, java);
    }

    /** The driver module's classes and its resolved dependencies. */
    public static String classPath() throws IOException {
        String classes = System.getProperty("lockscope.appClasses");
        Path cpFile = Path.of(System.getProperty("lockscope.appClasspath"));
        assertThat(cpFile).as("class path file written by the module's build").isRegularFile();
        return classes + java.io.File.pathSeparator + Files.readString(cpFile).trim();
    }

    /** The agent's options for a test run: recording to {@code jfr}, the native probe as the agent decides. */
    public static String agentArg(Path jfr) {
        return "-javaagent:" + agentJar() + "=record=" + jfr;
    }

    public static Run run(Path java, List<String> jvmArgs, String mainClass, List<String> args, long timeoutSeconds, Path workDir)
            throws IOException, InterruptedException {
        ChildProcess.Result r = JavaCommand.of(java, mainClass).jvm(jvmArgs).classPath(classPath()).args(args).process()
                .in(workDir).run(timeoutSeconds);
        Map<String, String> figures = new LinkedHashMap<>();
        r.out().lines().filter(l -> l.matches("[a-z.]+=.*"))
                .forEach(l -> figures.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        return new Run(r.exit(), r.out(), r.err(), figures);
    }

    /** A plain run, the same run under the agent (recording), and the recording's report. */
    public record Compared(Run plain, Run traced, Report report) {
    }

    /**
     * Runs the driver plainly, then under the agent recording to a file, and checks what every application must keep:
     * both succeed with operations and no failed one, the same stdout but for the figures' values, and the same
     * stderr from the application (the agent's own lines aside). Returns both runs and the recording's report.
     */
    public static Compared plainAndTraced(Path java, String mainClass, List<String> args, long timeoutSeconds, Path workDir)
            throws IOException, InterruptedException, RecordingException {
        Run plain = run(java, List.of(), mainClass, args, timeoutSeconds, workDir);
        assertThat(plain.exit()).as(plain.stderr()).isZero();
        assertThat(plain.figure("ops")).isPositive();
        assertThat(plain.figure("errors")).isZero();
        Path jfr = Files.createTempFile(workDir, "traced", ".jfr");
        Run traced = run(java, List.of(agentArg(jfr)), mainClass, args, timeoutSeconds, workDir);
        assertThat(traced.exit()).as(traced.stderr()).isZero();
        assertThat(traced.shape()).isEqualTo(plain.shape());
        assertThat(traced.figure("errors")).isZero();
        assertThat(traced.applicationStderr()).isEqualTo(plain.applicationStderr());
        return new Compared(plain, traced, analyze(jfr));
    }

    public static Report analyze(Path jfr) throws RecordingException {
        return Analysis.analyze(List.of(jfr), new JmcRecordingReader(), Analysis.ProgressListener.NONE);
    }

    /** Every place a row names for its lock: the agent's construction site, the waiting sites, and the lock's class. */
    public static List<String> placesOf(LockRow row) {
        List<String> places = new ArrayList<>();
        if (row.agent() != null && row.agent().constructionSite() != null) {
            places.add(row.agent().constructionSite());
        }
        row.sites().forEach(s -> places.add(s.name()));
        if (row.lockClass() != null) { // a park without a blocker has no class
            places.add(row.lockClass());
        }
        return places;
    }

    /** The lock rows (lock waits only: not conditions or idle parks) with some place inside {@code packagePrefix}. */
    public static List<LockRow> locksIn(Report report, String packagePrefix) {
        return report.locks().stream()
                .filter(r -> placesOf(r).stream().anyMatch(p -> p.contains(packagePrefix)))
                .toList();
    }

    /**
     * The other parks (not lock waits: queue handoffs, futures, latches) with some place inside {@code packagePrefix},
     * for libraries whose threads queue for a resource rather than for a lock, e.g. a connection pool's handoff.
     */
    public static List<LockRow> parksIn(Report report, String packagePrefix) {
        return report.otherParks().stream()
                .filter(r -> placesOf(r).stream().anyMatch(p -> p.contains(packagePrefix)))
                .toList();
    }

    public static String describe(Report report) {
        StringBuilder b = new StringBuilder("locks in the report:\n");
        Stream.concat(report.locks().stream(), report.otherParks().stream()).limit(15)
                .forEach(r -> b.append("  ").append(r.kind()).append(' ').append(r.waitsCount()).append(" waits ")
                        .append(placesOf(r)).append('\n'));
        return b.toString();
    }
}
