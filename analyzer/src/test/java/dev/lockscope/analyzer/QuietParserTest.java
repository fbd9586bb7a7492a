package dev.lockscope.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
        Path err = dir.resolve("cli.err");
        Process cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "dev.lockscope.analyzer.cli.LockscopeCli", "analyze", jfr.toString())
                .redirectError(err.toFile()).redirectOutput(dir.resolve("cli.out").toFile()).start();
        assertThat(cli.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(cli.exitValue()).as(Files.readString(err)).isZero();
        assertThat(Files.readString(dir.resolve("cli.out"))).contains("PlantedMonitor");
        assertThat(Files.readString(err)).doesNotContain("WARNING").doesNotContain("org.openjdk.jmc");
    }
}
