package dev.lockscope.realworld.guava;

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
 * A small Guava LoadingCache read by many threads, once plainly and once under the agent: the same exit code and the
 * same output, and the report finds the segment locks ({@code LocalCache$Segment extends ReentrantLock}, taken by
 * every miss in {@code lockedGetOrLoad} and again to store the loaded value).
 */
class GuavaCacheTest {
    static final List<String> ARGS = List.of("--seconds", "3", "--warmup", "1");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("dev.lockscope.realworld.RealApp#jdks")
    void runsUnchangedUnderTheAgentAndTheReportFindsTheSegmentLocks(int feature, Path javaPath) throws Exception {
        Path java = RealApp.java(feature, javaPath);
        String main = GuavaCacheDriver.class.getName();
        RealApp.Compared run = RealApp.plainAndTraced(java, main, ARGS, 60, dir);
        Report report = run.report();
        // The segment is the lock itself, so its waits name the ReentrantLock's sync; the waiting site is the segment's.
        List<LockRow> segments = RealApp.locksIn(report, "com.google.common.cache.LocalCache$Segment.lockedGetOrLoad");
        assertThat(segments).as(RealApp.describe(report)).extracting(LockRow::lockClass)
                .contains("java.util.concurrent.locks.ReentrantLock$NonfairSync");
        // One row per segment though young collections move the four segments together while all are contended.
        assertThat(segments).as(RealApp.describe(report))
                .filteredOn(r -> r.lockClass().equals("java.util.concurrent.locks.ReentrantLock$NonfairSync"))
                .extracting(r -> r.id() + " at " + r.addressesSeen() + " address(es), merged by " + r.addressesMergedBy())
                .hasSizeLessThanOrEqualTo(GuavaCacheDriver.SEGMENTS);
    }
}
