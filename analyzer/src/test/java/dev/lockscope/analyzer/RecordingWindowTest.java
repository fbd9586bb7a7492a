package dev.lockscope.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.analyzer.read.JmcRecordingReader;
import dev.lockscope.analyzer.report.Report;
import dev.lockscope.analyzer.report.Report.LockRow;
import dev.lockscope.analyzer.report.Report.RecordingInfo;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a recording's time window is: waits are counted inside it, and one file may hold several JVMs' windows. */
class RecordingWindowTest {
    static final long BEFORE_MILLIS = 1_500;
    static final long INSIDE_MILLIS = 500;

    @TempDir
    Path dir;

    /**
     * A thread blocked on a monitor for 1.5 s before the recording starts, and 0.5 s into it. The JVM records a wait
     * only if its event was enabled when the wait began: another recording runs throughout, as when a continuous
     * recording is dumped (its first chunks long gone) or a second recording starts beside a running one.
     */
    @Test
    void aWaitBegunBeforeTheRecordingCountsFromItsStart() throws Exception {
        Object monitor = new Object();
        Path jfr = dir.resolve("begun-before.jfr");
        Thread waiter = new Thread(() -> {
            synchronized (monitor) {
                monitor.hashCode();
            }
        }, "waiter-from-before");
        try (Recording running = PlantedRecording.lockRecording(); Recording r = PlantedRecording.lockRecording()) {
            running.start();
            synchronized (monitor) {
                waiter.start();
                while (waiter.getState() != Thread.State.BLOCKED) {
                    Thread.sleep(1);
                }
                Thread.sleep(BEFORE_MILLIS);
                r.start();
                Thread.sleep(INSIDE_MILLIS);
            }
            waiter.join();
            r.stop();
            r.dump(jfr);
        }
        Report report = Analysis.analyze(List.of(jfr), new JmcRecordingReader(), Analysis.ProgressListener.NONE);
        LockRow row = report.locks().stream()
                .filter(l -> l.waiters().stream().anyMatch(w -> w.name().equals("waiter-from-before")))
                .findFirst().orElseThrow(() -> new AssertionError("no row for the planted monitor: " + report.locks()));
        // Only the half second inside the recording, never the 1.5 s before it.
        assertThat(row.totalWaitNanos()).isBetween(INSIDE_MILLIS * 1_000_000L * 9 / 10, BEFORE_MILLIS * 1_000_000L);
        assertThat(row.maxNanos()).isLessThanOrEqualTo(report.recordings().get(0).durationNanos());
        assertThat(row.share()).isLessThanOrEqualTo(1.0);
        // The planted wait, and any other thread's wait that straddled the start (a JFR or JDK housekeeping thread).
        assertThat(report.notes()).anyMatch(n -> n.matches("begun-before.jfr: [1-9]\\d* waits began before the "
                + "recording started; only their part inside it is counted \\(.* before the start left out\\)"));
        // This recording has no CPU load events: lock shares fall back to live thread-time, and say so.
        assertThat(report.activeTimeNanos()).isEqualTo(report.threadTimeNanos());
        assertThat(report.activeTimeSource()).startsWith("live thread-time (sampled: mean live threads")
                .contains("no jdk.CPULoad or jdk.CPUInformation events");
    }

    /** Two JVMs' recordings concatenated: two recordings, each with its pid and its own duration, no gap counted. */
    @Test
    void aFileHoldingTwoJvmsRecordingsIsReadAsTwo() throws Exception {
        Path child = dir.resolve("child.jfr");
        Path java = Jdks.current();
        ChildRecording.run(java, "-XX:StartFlightRecording:filename=" + child, PlantedRecording.class, dir, 120);
        Thread.sleep(2_000); // a gap between the two recordings that belongs to neither
        Path mine = PlantedRecordings.small(dir.resolve("mine.jfr"));
        Path both = dir.resolve("both.jfr");
        Files.copy(child, both);
        try (OutputStream out = Files.newOutputStream(both, StandardOpenOption.APPEND)) {
            Files.copy(mine, out);
        }

        Report alone1 = Analysis.analyze(List.of(child), new JmcRecordingReader(), Analysis.ProgressListener.NONE);
        Report alone2 = Analysis.analyze(List.of(mine), new JmcRecordingReader(), Analysis.ProgressListener.NONE);
        Report r = Analysis.analyze(List.of(both), new JmcRecordingReader(), Analysis.ProgressListener.NONE);

        assertThat(r.recordings()).hasSize(2);
        assertThat(r.recordings()).extracting(RecordingInfo::pid)
                .containsExactly(alone1.recordings().get(0).pid(), ProcessHandle.current().pid());
        assertThat(r.recordings()).extracting(RecordingInfo::durationNanos).containsExactly(
                alone1.recordings().get(0).durationNanos(), alone2.recordings().get(0).durationNanos());
        // Thread-time is summed per JVM: the same as the two files read side by side.
        assertThat(r.threadTimeNanos()).isEqualTo(alone1.threadTimeNanos() + alone2.threadTimeNanos());
        assertThat(r.notes()).anyMatch(n -> n.startsWith("both.jfr holds 2 recordings"));
        // The planted monitor of the child JVM keeps its waits and its rank.
        assertThat(r.locks().get(0).lockClass()).isEqualTo(PlantedRecording.PlantedMonitor.class.getName());
        assertThat(r.locks().get(0).waitsCount()).isEqualTo(alone1.locks().get(0).waitsCount());
    }
}
