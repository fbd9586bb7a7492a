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

    /** A JDK 9/10 recording (JFR format 1): both readers say so, in one line. */
    @Test
    void jfrFormatOneIsNamedByBothReaders() throws Exception {
        byte[] bytes = Files.readAllBytes(PlantedRecordings.planted(dir));
        bytes[4] = 0;
        bytes[5] = 1; // major version, big-endian, after the 4-byte magic
        Path old = Files.write(dir.resolve("jdk9.jfr"), bytes);
        String expected = "JFR format 1 (JDK 9 and 10) is not supported: lockscope reads JFR format 2";
        assertOneLineFailure(CliRun.of("analyze", old.toString()), 1, expected);
        assertOneLineFailure(CliRun.of("analyze", "--only", "monitors", old.toString()), 1, expected);
    }

    /** The header's metadata offset points at the wrong place: the error says which chunk and what was expected. */
    @Test
    void aDamagedChunkHeaderIsNamedWithTheChunkAndWhatWasExpected() throws Exception {
        byte[] bytes = Files.readAllBytes(PlantedRecordings.planted(dir));
        java.nio.ByteBuffer.wrap(bytes).putLong(24, 100); // metadata offset: 100 bytes in, inside some event
        Path bad = Files.write(dir.resolve("bad-header.jfr"), bytes);
        for (String[] args : new String[][] {{"analyze", bad.toString()}, {"analyze", "--only", "monitors", bad.toString()}}) {
            CliRun run = CliRun.of(args);
            assertOneLineFailure(run, 1, "corrupt JFR recording: chunk 1 of ");
            assertThat(run.err()).containsAnyOf("expected the metadata event at file byte 100",
                    "the metadata event at file byte 100 cannot be read");
        }
    }

    /** An event's size is destroyed: the error names the byte where the chunk's events stop adding up. */
    @Test
    void aDamagedEventSizeIsNamedWithItsOffset() throws Exception {
        byte[] bytes = Files.readAllBytes(PlantedRecordings.planted(dir));
        bytes[68] = 0; // the first event's size (a varint in JDK 11+ recordings): 0 is never valid
        Path bad = Files.write(dir.resolve("bad-size.jfr"), bytes);
        CliRun run = CliRun.of("analyze", bad.toString());
        assertOneLineFailure(run, 1, "corrupt JFR recording: chunk 1 of ");
        assertThat(run.err()).contains("the event at file byte 68 has size 0, expected 1 to ");
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
        assertOneLineFailure(CliRun.of("demo", "--seconds", "-3"), 2, "--seconds must be");
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
