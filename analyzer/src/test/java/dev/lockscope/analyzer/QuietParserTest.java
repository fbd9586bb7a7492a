package dev.lockscope.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockscope.analyzer.cli.LockscopeCli;
import dev.lockscope.testsupport.ChildProcess;
import dev.lockscope.testsupport.JavaCommand;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JMC parser's own logging never reaches the terminal: a JDK 21+ recording (whose thread type has a field the
 * parser does not know) is analyzed by the CLI, in a JVM of its own as users run it, with nothing on stderr but
 * lockscope's words.
 */
class QuietParserTest {
    @TempDir
    Path dir;

    @Test
    void aJdk25RecordingIsAnalyzedWithoutTheParsersWarnings() throws Exception {
        Path jdk25 = Jdks.find(25);
        assumeTrue(jdk25 != null, "skipped: no JDK 25 under /usr/lib/jvm on this machine");
        Path jfr = dir.resolve("jdk25.jfr");
        ChildRecording.run(jdk25, "-XX:StartFlightRecording:filename=" + jfr, PlantedRecording.class, dir, 120);
        ChildProcess.Result cli = JavaCommand.of(LockscopeCli.class).args("analyze", jfr.toString()).run(120).ok();
        assertThat(cli.out()).contains("PlantedMonitor");
        assertThat(cli.err()).doesNotContain("WARNING").doesNotContain("org.openjdk.jmc");
    }
}
