package dev.lockscope.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.analyzer.Analysis;
import dev.lockscope.analyzer.PlantedRecording;
import dev.lockscope.analyzer.PlantedRecordings;
import dev.lockscope.analyzer.diff.DiffRenderer;
import dev.lockscope.analyzer.diff.LockDiff;
import dev.lockscope.analyzer.read.JmcRecordingReader;
import dev.lockscope.analyzer.report.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffCommandTest {
    @TempDir
    Path dir;

    @Test
    void sitesAreMatchedAcrossRecordingsAndChangesShown() throws Exception {
        Path planted = PlantedRecordings.planted(dir);
        Path small = PlantedRecordings.small(dir.resolve("small.jfr"));
        CliRun run = CliRun.of("diff", planted.toString(), small.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String out = run.out();
        // The planted monitor's site waited only before: it must show its count going to zero.
        int at = out.indexOf("lambda$contendOnMonitor$");
        assertThat(at).isPositive();
        String block = out.substring(at, out.indexOf("\nD", at) > 0 ? out.indexOf("\nD", at) : out.length());
        assertThat(block).contains("PlantedRecording$PlantedMonitor -> (no waits)")
                .contains("waits      " + PlantedRecording.ROUNDS * PlantedRecording.WAITERS + " -> 0  (-100.0%)");
        assertThat(out).contains("NOTES");
    }

    @Test
    void sameRecordingTwiceShowsNoChange() throws Exception {
        Path planted = PlantedRecordings.planted(dir);
        Path copy = Files.copy(planted, dir.resolve("copy.jfr"));
        CliRun run = CliRun.of("diff", "--format", "json", planted.toString(), copy.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"totalWaitChange\" : 0.0").doesNotContain("\"totalWaitChange\" : -");
    }

    @Test
    void throughputKnownToTheCallerIsShownInEveryFormat() throws Exception {
        Path planted = PlantedRecordings.planted(dir);
        Report r = Analysis.analyze(java.util.List.of(planted), new JmcRecordingReader(), Analysis.ProgressListener.NONE);
        LockDiff d = LockDiff.of(r, r, new LockDiff.Throughput(200_000, 300_000, "the workload's own count"));
        java.io.StringWriter text = new java.io.StringWriter();
        DiffRenderer.text(d, new java.io.PrintWriter(text));
        assertThat(text.toString()).contains("workload throughput 200,000 -> 300,000 ops/s  (1.50x; the workload's own count)")
                .doesNotContain("workload throughput is not in the recordings");
        java.io.StringWriter json = new java.io.StringWriter();
        DiffRenderer.json(d, json);
        assertThat(json.toString()).contains("\"ratio\" : 1.5").contains("\"futexCallsPerWait\" : -1.0");
        java.io.StringWriter html = new java.io.StringWriter();
        DiffRenderer.html(d, new java.io.PrintWriter(html));
        assertThat(html.toString()).contains("<b>1.50x</b>").contains(">futex calls per wait</th>");
        // Without it, the diff says where throughput would come from.
        java.io.StringWriter plain = new java.io.StringWriter();
        DiffRenderer.text(LockDiff.of(r, r), new java.io.PrintWriter(plain));
        assertThat(plain.toString()).contains("workload throughput is not in the recordings").doesNotContain("ops/s");
    }

    @Test
    void badArguments() {
        BadInputTest.assertOneLineFailure(CliRun.of("diff", "only-one.jfr"), 2, "Missing required parameter");
        BadInputTest.assertOneLineFailure(CliRun.of("diff", dir.resolve("a.jfr").toString(),
                dir.resolve("b.jfr").toString()), 1, "no such file");
    }
}
