package dev.lockscope.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.analyzer.PlantedRecording;
import dev.lockscope.analyzer.PlantedRecordings;
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
    void badArguments() {
        BadInputTest.assertOneLineFailure(CliRun.of("diff", "only-one.jfr"), 2, "Missing required parameter");
        BadInputTest.assertOneLineFailure(CliRun.of("diff", dir.resolve("a.jfr").toString(),
                dir.resolve("b.jfr").toString()), 1, "no such file");
    }
}
