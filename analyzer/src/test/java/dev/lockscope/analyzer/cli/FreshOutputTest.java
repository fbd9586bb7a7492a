package dev.lockscope.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An output file is this run's or no file at all: never an older run's presented as this one's. */
class FreshOutputTest {
    @TempDir
    Path dir;

    @Test
    void anOlderRunsFileIsRemovedBeforeTheRunAndAFileNotWrittenIsAOneLineError() throws Exception {
        Path html = dir.resolve("demo.html");
        Files.writeString(html, "an older run's report");
        FreshOutput out = FreshOutput.clear(html);
        assertThat(html).doesNotExist();
        assertThatThrownBy(out::written).isInstanceOf(UserError.class).hasMessage(html + " was not written");
        Files.writeString(html, "this run's report");
        assertThat(out.written()).isEqualTo(html);
    }

    @Test
    void aFileOlderThanTheRunIsNotPresentedAsItsOwn() throws Exception {
        Path html = dir.resolve("demo.html");
        FreshOutput out = FreshOutput.clear(html);
        // Something else put back a file dated before this run started.
        Files.writeString(html, "restored");
        Files.setLastModifiedTime(html, FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS)));
        assertThatThrownBy(out::written).isInstanceOf(UserError.class).hasMessageContaining("before this run started")
                .hasMessageNotContaining("\n");
    }
}
