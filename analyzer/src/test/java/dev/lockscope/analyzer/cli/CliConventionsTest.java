package dev.lockscope.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.analyzer.PlantedRecordings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What users of the JDK's jfr tool and of picocli CLIs expect: -o - is stdout, 100 columns, whole option labels. */
class CliConventionsTest {
    static final List<String> COMMANDS = List.of("analyze", "diff", "demo", "record", "attach", "probe");

    @TempDir
    static Path dir;
    static Path recording;

    @BeforeAll
    static void record() throws Exception {
        recording = PlantedRecordings.planted(dir);
    }

    @Test
    void dashOutputIsStandardOutputForEveryFormat() throws Exception {
        Path cwdDash = Path.of("-");
        Files.deleteIfExists(cwdDash);
        for (String format : List.of("text", "json", "html")) {
            CliRun run = CliRun.of("analyze", "--format", format, "-o", "-", recording.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).as(format).isNotBlank();
            assertThat(run.err()).doesNotContain("wrote");
        }
        assertThat(CliRun.of("analyze", "--format", "html", "-o", "-", recording.toString()).out())
                .startsWith("<!DOCTYPE html>");
        CliRun diff = CliRun.of("diff", recording.toString(), recording.toString(), "-o", "-");
        assertThat(diff.exitCode()).as(diff.err()).isZero();
        assertThat(diff.out()).isNotBlank();
        assertThat(cwdDash).as("no file named '-'").doesNotExist();
    }

    @Test
    void helpFitsOneHundredColumnsAndNeverSplitsAnOptionsLabel() {
        for (String command : COMMANDS) {
            CliRun run = CliRun.of(command, "--help");
            assertThat(run.exitCode()).as(command).isZero();
            assertThat(run.out().lines()).as(command).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100));
            // Every [option=LABEL] group of the synopsis opens and closes on one line.
            for (String line : run.out().lines().toList()) {
                assertThat(depth(line)).as(command + ": " + line).isZero();
            }
            assertThat(run.out()).as(command + " has an example").contains("Example: lockscope " + command);
        }
    }

    @Test
    void everyCommandThatWritesTakesDashOAndVerbose() {
        for (String command : List.of("analyze", "diff", "demo", "record", "attach")) {
            String help = CliRun.of(command, "--help").out();
            assertThat(help).as(command).containsPattern("-o, [-a-z, ]*--output").contains("--verbose");
        }
        assertThat(CliRun.of("probe", "--help").out()).contains("--verbose");
    }

    @Test
    void probeOutputFitsOneHundredColumns() {
        CliRun run = CliRun.of("probe");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100));
        assertThat(run.out()).contains("on-CPU source");
    }

    @Test
    void wrappingKeepsEveryWordAndItsHangingIndent() {
        String line = "on-CPU source         yes  " + "word ".repeat(60).strip();
        List<String> lines = Columns.wrap(line, 100, 27);
        assertThat(lines).hasSizeGreaterThan(1).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100));
        assertThat(lines.subList(1, lines.size())).allSatisfy(l -> assertThat(l).startsWith(" ".repeat(27) + "word"));
        assertThat(String.join(" ", lines).split("\\s+")).filteredOn("word"::equals).hasSize(60);
    }

    /** Brackets left open at the end of a line (a split label shows as a positive depth). */
    private static int depth(String line) {
        Matcher m = Pattern.compile("[\\[\\]]").matcher(line);
        int d = 0;
        while (m.find()) {
            d += m.group().equals("[") ? 1 : -1;
        }
        return d;
    }
}
