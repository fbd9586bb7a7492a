package dev.lockscope.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.analyzer.Analysis;
import dev.lockscope.analyzer.PlantedRecording;
import dev.lockscope.analyzer.PlantedRecordings;
import dev.lockscope.analyzer.read.JmcRecordingReader;
import dev.lockscope.analyzer.report.Report;
import dev.lockscope.analyzer.report.Report.LockRow;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code analyze --format collapsed}: one line per waiting stack and lock, valued in wait nanoseconds. */
class CollapsedFormatTest {
    @TempDir
    static Path dir;
    static Path recording;
    static Report report;

    @BeforeAll
    static void analyze() throws Exception {
        recording = PlantedRecordings.planted(dir);
        report = Analysis.analyze(List.of(recording), new JmcRecordingReader(), Analysis.ProgressListener.NONE);
    }

    @Test
    void thePlantedMonitorsStackLineCarriesItsWaitTotal() {
        CliRun run = CliRun.of("analyze", "--format", "collapsed", recording.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        // What flamegraph.pl and Pyroscope's folded format read: frames without spaces, a space, an integer.
        assertThat(lines).isNotEmpty().allSatisfy(l -> assertThat(l).matches("[^ ;]+(;[^ ;]+)* \\d+"));
        LockRow monitor = report.locks().stream()
                .filter(r -> PlantedRecording.PlantedMonitor.class.getName().equals(r.lockClass())).findFirst()
                .orElseThrow();
        String leaf = "[lock=" + monitor.identity() + "]";
        List<String> monitorLines = lines.stream().filter(l -> l.contains(";" + leaf + " ")).toList();
        // Every planted waiter waited at the same place: one stack.
        assertThat(monitorLines).hasSize(1);
        String line = monitorLines.get(0);
        assertThat(line).startsWith("java.lang.Thread.run").contains("lambda$contendOnMonitor$")
                .endsWith(leaf + " " + monitor.totalWaitNanos());
        // Lock acquisitions only, all of them: the lines add up to the report's lock table.
        long sum = lines.stream().mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum();
        assertThat(sum).isEqualTo(report.locks().stream().mapToLong(LockRow::totalWaitNanos).sum());
        assertThat(run.out()).doesNotContain("ConditionObject");
    }

    @Test
    void helpSaysTheValueIsWaitNanoseconds() {
        CliRun run = CliRun.of("analyze", "--help");
        assertThat(run.out().replaceAll("\\s+", " ")).contains("collapsed (lock acquisition waits")
                .contains("the value is wait nanoseconds");
    }
}
