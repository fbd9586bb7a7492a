package dev.lockscope.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.advisor.Thresholds;
import dev.lockscope.advisor.Verdict;
import dev.lockscope.analyzer.read.JmcRecordingReader;
import dev.lockscope.analyzer.report.Report;
import dev.lockscope.analyzer.report.Report.LockRow;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Worth touching" is measured against the time threads spent working or waiting for locks (active thread-time),
 * not against every live thread: a server's idle pool must not hide its busy threads' contention.
 */
class ActiveTimeTest {
    @TempDir
    Path dir;

    @Test
    void anIdlePoolBesideBusyWaitersDoesNotHideTheirLock() throws Exception {
        Report r = record("idle-pool");
        LockRow table = hashtable(r);
        // What was planted: the busy threads' waits are under 1% of all live threads' time (200 idle threads) ...
        assertThat((double) table.totalWaitNanos() / r.threadTimeNanos()).as("share of live thread-time")
                .isLessThan(Thresholds.MIN_SHARE_OF_ACTIVE_TIME);
        // ... and well over it of the time threads were active.
        assertThat(r.activeTimeSource()).startsWith("the JVM's CPU time (jdk.CPULoad");
        assertThat(table.shareOfActiveTime()).isGreaterThan(2 * Thresholds.MIN_SHARE_OF_ACTIVE_TIME).isLessThan(1);
        assertThat(table.advice().verdict()).as(table.advice().reason()).isNotEqualTo(Verdict.NOT_WORTH_TOUCHING);
        assertThat(table.advice().evidence()).anyMatch(l -> l.startsWith("active thread-time (sampled: the JVM's CPU time"));
        // Active thread-time is at most what the live threads had, and at least the waits in it.
        assertThat(r.activeTimeNanos()).isLessThan(r.threadTimeNanos()).isGreaterThan(table.totalWaitNanos());
    }

    @Test
    void whenEveryThreadIsBusyTheTwoDenominatorsAgreeWithinTheJvmsOwnThreads() throws Exception {
        Report r = record("busy");
        LockRow table = hashtable(r);
        // No idle pool: the live threads are the busy ones plus the JVM's own dozen or so, so active time is a
        // sizeable part of live time and the verdict does not hinge on which is used.
        assertThat((double) r.activeTimeNanos() / r.threadTimeNanos()).isGreaterThan(0.05);
        assertThat(table.advice().verdict()).isNotEqualTo(Verdict.NOT_WORTH_TOUCHING);
        // Lock rows' shares are fractions of one whole: together at most all of it.
        assertThat(r.locks().stream().mapToDouble(LockRow::shareOfActiveTime).sum()).isLessThanOrEqualTo(1.0);
    }

    private Report record(String mode) throws Exception {
        Path jfc = dir.resolve("lockscope.jfc");
        try (InputStream in = getClass().getResourceAsStream("/dev/lockscope/events/lockscope.jfc")) {
            Files.copy(in, jfc);
        }
        Path jfr = dir.resolve(mode + ".jfr");
        Path java = Jdks.current();
        ChildRecording.run(java, "-XX:StartFlightRecording:settings=" + jfc + ",filename=" + jfr,
                List.of(mode.equals("busy") ? "busy" : "idle"), ServerShapedProgram.class, dir, 120);
        return Analysis.analyze(List.of(jfr), new JmcRecordingReader(), Analysis.ProgressListener.NONE);
    }

    private static LockRow hashtable(Report r) {
        return r.locks().stream().filter(l -> "java.util.Hashtable".equals(l.lockClass())).findFirst()
                .orElseThrow(() -> new AssertionError("no Hashtable row in " + r.locks()));
    }
}
