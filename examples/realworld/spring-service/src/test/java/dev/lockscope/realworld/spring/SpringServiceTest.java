package dev.lockscope.realworld.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.analyzer.report.Report;
import dev.lockscope.realworld.RealApp;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Spring Boot service under HTTP load, once plainly and once under the agent: the same exit code and the same
 * output, and the report finds logback's appender lock (a {@code ReentrantLock} built in
 * {@code ch.qos.logback.core.OutputStreamAppender}, taken for every log line the request threads write).
 */
class SpringServiceTest {
    static final List<String> ARGS = List.of("--seconds", "4", "--warmup", "1");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("dev.lockscope.realworld.RealApp#jdks")
    void runsUnchangedUnderTheAgentAndTheReportFindsLogbacksAppenderLock(int feature, Path javaPath) throws Exception {
        Path java = RealApp.java(feature, javaPath);
        String main = SpringServiceDriver.class.getName();
        RealApp.Compared run = RealApp.plainAndTraced(java, main, ARGS, 120, dir);
        RealApp.Run plain = run.plain();
        Report report = run.report();
        assertThat(RealApp.locksIn(report, "ch.qos.logback.core.OutputStreamAppender"))
                .as(RealApp.describe(report)).isNotEmpty();
    }

    @Test
    void aServiceThatCannotStartFailsTheSameWayUnderTheAgent() throws Exception {
        String main = SpringServiceDriver.class.getName();
        // A database URL no driver accepts: the context fails while it starts.
        List<String> broken = List.of("-Dspring.datasource.url=jdbc:nosuchdb:orders");
        RealApp.Run plain = RealApp.run(RealApp.java17(), broken, main, ARGS, 120, dir);
        assertThat(plain.exit()).as(plain.stderr()).isNotZero();

        List<String> withAgent = new java.util.ArrayList<>(broken);
        withAgent.add("-javaagent:" + RealApp.agentJar());
        RealApp.Run traced = RealApp.run(RealApp.java17(), withAgent, main, ARGS, 120, dir);
        assertThat(traced.exit()).as(traced.stderr()).isEqualTo(plain.exit());
        assertThat(traced.stdout()).isEqualTo(plain.stdout());
        // Spring Boot logs the failure (to its log file) and keeps it off stderr; the agent adds nothing there either.
        assertThat(traced.applicationStderr()).isEqualTo(plain.applicationStderr());
        assertThat(java.nio.file.Files.readString(dir.resolve("logs/service.log"))).contains("jdbc:nosuchdb:orders");
    }
}
