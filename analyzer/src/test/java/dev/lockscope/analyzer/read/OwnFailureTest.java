package dev.lockscope.analyzer.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockscope.analyzer.PlantedRecordings;
import dev.lockscope.analyzer.model.WaitEvent;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure of lockscope's own event handling on an intact recording is said to be lockscope's, not the file's
 * corruption (an unnamed stack frame once made a real Kafka broker's recording read as "corrupt").
 */
class OwnFailureTest {
    @TempDir
    Path dir;

    @Test
    void lockscopesOwnFailureOnAnIntactFileIsNotCalledCorruption() throws Exception {
        Path jfr = PlantedRecordings.small(dir.resolve("small.jfr"));
        ChunkLayout layout = ChunkLayout.scan(jfr);
        RecordingVisitor failing = new IgnoringVisitor() {
            @Override
            public void waitEvent(WaitEvent event) {
                String unnamed = null;
                unnamed.length(); // lockscope's handling failing on an event
            }
        };
        assertThatThrownBy(() -> new JmcRecordingReader().read(layout, failing, n -> { }))
                .isInstanceOf(RecordingException.class)
                .hasMessageStartingWith(jfr + ": lockscope failed on an event of this recording (NullPointerException")
                .hasMessageContaining("OwnFailureTest")
                .hasMessageEndingWith("please report it with the recording")
                .hasMessageNotContaining("corrupt");
    }

    @Test
    void theParsersFailureIsNotLockscopes() {
        RuntimeException parser = new IllegalStateException("Seeking for -6052");
        parser.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("java.nio.Buffer", "position", "Buffer.java", 1),
                new StackTraceElement("org.openjdk.jmc.flightrecorder.internal.parser.v1.ChunkLoaderV1", "call", "ChunkLoaderV1.java", 92),
                new StackTraceElement("dev.lockscope.analyzer.read.JmcRecordingReader", "read", "JmcRecordingReader.java", 70)});
        assertThat(OwnFailure.where(parser)).isNull();
        RuntimeException wrapped = new RuntimeException(new NullPointerException());
        assertThat(OwnFailure.where(wrapped)).as("the innermost cause decides").isNotNull()
                .extracting(StackTraceElement::getClassName).isEqualTo(OwnFailureTest.class.getName());
    }
}
