package dev.lockscope.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.analyzer.PlantedRecordings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code analyze --only monitors} (lockscope's own JFR reader) on damaged recordings: one line, exit 1, no hang. */
class MonitorsOnlyBadInputTest {
    @TempDir
    Path dir;

    @Test
    void garbageAfterAValidHeaderIsOneLine() throws Exception {
        byte[] bytes = Files.readAllBytes(PlantedRecordings.planted(dir));
        Arrays.fill(bytes, 68, bytes.length, (byte) 0xff);
        CliRun run = run(Files.write(dir.resolve("garbage.jfr"), bytes));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("corrupt JFR recording").doesNotContain("internal error").doesNotContain("\tat ");
    }

    @Test
    void zeroedMetadataIsOneLine() throws Exception {
        byte[] bytes = Files.readAllBytes(PlantedRecordings.planted(dir));
        long metadataOffset = java.nio.ByteBuffer.wrap(bytes).getLong(24);
        Arrays.fill(bytes, (int) metadataOffset + 1, (int) Math.min(bytes.length, metadataOffset + 4000), (byte) 0x7f);
        CliRun run = run(Files.write(dir.resolve("metadata.jfr"), bytes));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("corrupt JFR recording");
    }

    @Test
    void truncatedRecordingReportsItsCompleteChunks() throws Exception {
        byte[] bytes = Files.readAllBytes(PlantedRecordings.planted(dir));
        Path cut = Files.write(dir.resolve("cut.jfr"), Arrays.copyOf(bytes, bytes.length / 2));
        CliRun run = run(cut);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("truncated");
        assertThat(run.errLines()).hasSize(1);
    }

    /** Random damage anywhere: either a report or one clean line, never an internal error, a hang or an OOM. */
    @Test
    void randomDamageNeverEscapes() throws Exception {
        byte[] good = Files.readAllBytes(PlantedRecordings.planted(dir));
        Random random = new Random(42);
        for (int round = 0; round < 40; round++) {
            byte[] bytes = good.clone();
            for (int k = 0; k < 1 + round % 8; k++) {
                int at = 68 + random.nextInt(bytes.length - 68);
                bytes[at] = (byte) random.nextInt(256);
            }
            Path f = Files.write(dir.resolve("damaged-" + round + ".jfr"), bytes);
            CliRun run = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run(f));
            assertThat(run.err()).as("round " + round).doesNotContain("internal error");
            if (run.exitCode() != 0) {
                assertThat(run.exitCode()).as("round " + round + ": " + run.err()).isEqualTo(1);
                assertThat(run.errLines()).as("round " + round).hasSize(1);
            }
        }
    }

    private CliRun run(Path f) {
        return CliRun.of("analyze", "--only", "monitors", f.toString(), "--format", "json", "-o",
                dir.resolve("out.json").toString());
    }
}
