package dev.lockscope.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.analyzer.PlantedRecordings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input gives one line on stderr, no stack trace, and exit code 1 (2 for usage errors). */
class BadInputTest {
    @TempDir
    Path dir;

    @Test
    void missingFile() {
        assertOneLineFailure(CliRun.of("analyze", dir.resolve("nope.jfr").toString()), 1, "no such file");
    }

    @Test
    void directory() {
        assertOneLineFailure(CliRun.of("analyze", dir.toString()), 1, "is a directory");
    }

    @Test
    void notAJfrFile() throws Exception {
        Path f = Files.writeString(dir.resolve("notes.jfr"), "hello, I am text\n".repeat(20));
        assertOneLineFailure(CliRun.of("analyze", f.toString()), 1, "not a JFR recording");
    }

    @Test
    void emptyFile() throws Exception {
        Path f = Files.createFile(dir.resolve("empty.jfr"));
        assertOneLineFailure(CliRun.of("analyze", f.toString()), 1, "empty file");
    }

    @Test
    void truncatedFirstChunk() throws Exception {
        Path whole = PlantedRecordings.planted(dir);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.jfr"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertOneLineFailure(CliRun.of("analyze", cut.toString()), 1, "truncated");
    }

    @Test
    void garbageAfterAValidHeader() throws Exception {
        Path whole = PlantedRecordings.planted(dir);
        byte[] bytes = Files.readAllBytes(whole);
        // Keep the header (magic, sizes) but destroy the events: the parser must fail cleanly.
        for (int i = 68; i < bytes.length; i++) {
            bytes[i] = (byte) 0xff;
        }
        Path bad = Files.write(dir.resolve("garbage.jfr"), bytes);
        CliRun run = CliRun.of("analyze", bad.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void recordingWithoutLockEvents() throws Exception {
        Path f = dir.resolve("cpu-only.jfr");
        try (Recording r = new Recording()) {
            r.enable("jdk.CPULoad").withPeriod(Duration.ofMillis(100));
            r.start();
            Thread.sleep(300);
            r.stop();
            r.dump(f);
        }
        assertOneLineFailure(CliRun.of("analyze", f.toString()), 1, "no lock events");
    }

    @Test
    void verboseShowsTheStackTrace() {
        CliRun run = CliRun.of("analyze", "--verbose", dir.resolve("nope.jfr").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no such file").contains("\tat ");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertOneLineFailure(CliRun.of("analyze"), 2, "Missing required parameter");
        assertOneLineFailure(CliRun.of("analyze", "--format", "pdf", "x.jfr"), 2, "Invalid value for option");
        assertOneLineFailure(CliRun.of("frobnicate"), 2, "Unmatched argument");
        assertOneLineFailure(CliRun.of("demo", "--seconds", "-3"), 1, "--seconds must be");
    }

    @Test
    void unwritableOutput() throws Exception {
        Path rec = PlantedRecordings.planted(dir);
        CliRun run = CliRun.of("analyze", rec.toString(), "-o", dir.resolve("no/such/dir/r.txt").toString());
        assertOneLineFailure(run, 1, "does not exist");
    }

    static void assertOneLineFailure(CliRun run, int exit, String fragment) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(exit);
        assertThat(run.errLines()).as(run.err()).hasSize(1);
        assertThat(run.err()).contains(fragment).startsWith("lockscope: ").doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }
}
