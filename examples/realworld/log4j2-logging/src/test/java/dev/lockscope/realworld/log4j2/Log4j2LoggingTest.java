package dev.lockscope.realworld.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.analyzer.report.Report;
import dev.lockscope.analyzer.report.Report.LockRow;
import dev.lockscope.realworld.RealApp;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * log4j2 logging to a synchronous file appender from many threads, once plainly and once under the agent: the same
 * exit code and the same output, and the report finds the file manager's monitor (log4j-core 2.25.3: the
 * {@code synchronized} {@code OutputStreamManager.writeBytes} and {@code flush} every event goes through).
 */
class Log4j2LoggingTest {
    static final List<String> ARGS = List.of("--seconds", "3", "--warmup", "1");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("dev.lockscope.realworld.RealApp#jdks")
    void runsUnchangedUnderTheAgentAndTheReportFindsTheFileManagersMonitor(int feature, Path javaPath) throws Exception {
        Path java = RealApp.java(feature, javaPath);
        String main = Log4j2Driver.class.getName();
        RealApp.Compared run = RealApp.plainAndTraced(java, main, ARGS, 60, dir);
        Report report = run.report();
        assertThat(RealApp.locksIn(report, "org.apache.logging.log4j.core.appender.OutputStreamManager"))
                .as(RealApp.describe(report)).extracting(LockRow::lockClass)
                .contains("org.apache.logging.log4j.core.appender.FileManager");
    }
}
