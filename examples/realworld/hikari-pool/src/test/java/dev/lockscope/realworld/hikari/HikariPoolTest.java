package dev.lockscope.realworld.hikari;

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
 * A small HikariCP pool over H2 borrowed by more threads than it has connections, once plainly and once under the
 * agent: the same exit code and the same output, and the report finds where borrowers wait when the pool is
 * exhausted, HikariCP's {@code ConcurrentBag.borrow} polling its fair {@code SynchronousQueue} for a returned
 * connection. That is a park on the queue, not a lock, so the report lists it among the other parks.
 */
class HikariPoolTest {
    static final List<String> ARGS = List.of("--seconds", "3", "--warmup", "1");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("dev.lockscope.realworld.RealApp#jdks")
    void runsUnchangedUnderTheAgentAndTheReportFindsTheBorrowersHandoffWait(int feature, Path javaPath) throws Exception {
        Path java = RealApp.java(feature, javaPath);
        String main = HikariDriver.class.getName();
        RealApp.Compared run = RealApp.plainAndTraced(java, main, ARGS, 60, dir);
        Report report = run.report();
        // The hand-off queue's blocker: SynchronousQueue$TransferQueue on JDK 17, SynchronousQueue$Transferer since 21.
        assertThat(RealApp.parksIn(report, "com.zaxxer.hikari.util.ConcurrentBag.borrow"))
                .as(RealApp.describe(report)).extracting(LockRow::lockClass)
                .contains(feature >= 21 ? "java.util.concurrent.SynchronousQueue$Transferer"
                        : "java.util.concurrent.SynchronousQueue$TransferQueue");
    }
}
