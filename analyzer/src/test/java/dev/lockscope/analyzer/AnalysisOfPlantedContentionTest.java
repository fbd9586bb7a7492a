package dev.lockscope.analyzer;

import static dev.lockscope.analyzer.PlantedRecording.CONDITION_WAITS;
import static dev.lockscope.analyzer.PlantedRecording.CONDITION_WAIT_MS;
import static dev.lockscope.analyzer.PlantedRecording.HOLDER;
import static dev.lockscope.analyzer.PlantedRecording.ROUNDS;
import static dev.lockscope.analyzer.PlantedRecording.WAITERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lockscope.analyzer.read.JmcRecordingReader;
import dev.lockscope.analyzer.report.Report;
import dev.lockscope.analyzer.report.Report.LockRow;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real recording with planted contention: the analyzer must find it, rank it first and count it right. */
class AnalysisOfPlantedContentionTest {
    /** JFR's wait durations vs the waiters' own clocks: JFR times the block itself, the waiter a little more. */
    static final double TOTAL_TOLERANCE = 0.10;
    static final long PER_WAIT_SLACK_NANOS = 2_000_000;

    @TempDir
    static Path dir;
    static PlantedRecording planted;
    static Report report;

    @BeforeAll
    static void record() throws Exception {
        Path file = dir.resolve("planted.jfr");
        planted = PlantedRecording.record(file);
        report = Analysis.analyze(List.of(file), new JmcRecordingReader(), Analysis.ProgressListener.NONE);
    }

    @Test
    void plantedMonitorRanksFirstWithExactCountAndMeasuredTotal() {
        LockRow top = report.locks().get(0);
        assertThat(top.lockClass()).isEqualTo(PlantedRecording.PlantedMonitor.class.getName());
        assertThat(top.family()).isEqualTo("monitor");
        assertThat(top.waitsCount()).isEqualTo(ROUNDS * WAITERS);
        assertThat(top.waitingThreads()).isEqualTo(ROUNDS * WAITERS); // a new thread per waiter and round
        assertTotalMatches(top, planted.measuredMonitorWaitNanos.get());
        assertThat(top.topSite()).startsWith(PlantedRecording.class.getName() + ".lambda$contendOnMonitor$");
        assertThat(top.blockedBy()).extracting(Report.Named::name).contains(HOLDER);
        assertThat(top.address()).startsWith("0x");
    }

    @Test
    void plantedReentrantLockRanksSecondAsAnInstance() {
        LockRow second = report.locks().get(1);
        assertThat(second.lockClass()).isEqualTo("java.util.concurrent.locks.ReentrantLock$NonfairSync");
        assertThat(second.family()).isEqualTo("j.u.c.");
        assertThat(second.address()).startsWith("0x");
        // One park per waiter and round; AQS may re-park a woken waiter, never less.
        assertThat(second.waitsCount()).isBetween((long) ROUNDS * WAITERS, (long) (ROUNDS * WAITERS * 1.5));
        assertTotalMatches(second, planted.measuredLockWaitNanos.get());
        assertThat(second.topSite()).startsWith(PlantedRecording.class.getName() + ".lambda$contendOnLock$");
    }

    @Test
    void percentilesAreOrderedAndWithinTheHold() {
        for (LockRow row : report.locks().subList(0, 2)) {
            assertThat(row.p50Nanos()).isLessThanOrEqualTo(row.p90Nanos());
            assertThat(row.p90Nanos()).isLessThanOrEqualTo(row.p99Nanos());
            assertThat(row.p99Nanos()).isLessThanOrEqualTo(row.maxNanos());
            // Nobody waits much longer than one hold plus scheduling.
            assertThat(row.maxNanos()).isLessThan(200_000_000L);
            assertThat(row.histogram().stream().mapToLong(Report.Bucket::count).sum()).isEqualTo(row.waitsCount());
        }
    }

    @Test
    void conditionWaitIsReportedApartFromLocks() {
        assertThat(report.locks()).noneMatch(r -> String.valueOf(r.lockClass()).endsWith("$ConditionObject"));
        LockRow cond = report.conditions().stream()
                .filter(r -> r.topSite().contains("lambda$waitOnCondition$"))
                .findFirst().orElseThrow();
        assertThat(cond.lockClass()).endsWith("AbstractQueuedSynchronizer$ConditionObject");
        assertThat(cond.waitsCount()).isEqualTo(CONDITION_WAITS);
        assertThat(cond.totalWaitNanos()).isBetween(CONDITION_WAITS * CONDITION_WAIT_MS * 1_000_000 * 9 / 10,
                CONDITION_WAITS * CONDITION_WAIT_MS * 1_000_000 * 2);
    }

    @Test
    void lockRowsCarryAdviceThatNamesItsMissingEvidence() {
        LockRow top = report.locks().get(0);
        assertThat(top.advice()).isNotNull();
        // 40 ms waits from a plain recording: long holds or preempted owners, the recording cannot tell.
        assertThat(top.advice().verdict()).isEqualTo(dev.lockscope.advisor.Verdict.INCONCLUSIVE);
        assertThat(top.advice().missing()).anyMatch(m -> m.startsWith("typical hold: not in JDK events"));
        assertThat(report.conditions()).allMatch(r -> r.advice() == null);
    }

    @Test
    void sharesAreFractionsOfThreadTime() {
        assertThat(report.threadTimeNanos()).isPositive();
        assertThat(report.threadTimeSource()).startsWith("sampled");
        LockRow top = report.locks().get(0);
        assertThat(top.shareOfActiveTime())
                .isCloseTo((double) top.totalWaitNanos() / report.activeTimeNanos(), within(1e-9));
    }

    @Test
    void recordingInfoShowsThresholds() {
        Report.RecordingInfo info = report.recordings().get(0);
        assertThat(info.thresholds()).containsEntry("jdk.ThreadPark", "0 ns");
        assertThat(info.truncated()).isFalse();
        assertThat(info.chunks()).isEqualTo(1);
    }

    static void assertTotalMatches(LockRow row, long measured) {
        long slack = (long) (measured * TOTAL_TOLERANCE) + row.waitsCount() * PER_WAIT_SLACK_NANOS;
        assertThat(row.totalWaitNanos()).isBetween(measured - slack, measured + slack);
    }
}
