package dev.lockscope.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.examples.ShortHoldsBusyLock;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lockscope record}: a Java command run under the agent, its locks recorded and analyzed. */
class RecordCommandTest {
    @TempDir
    Path dir;

    @Test
    void recordsAJavaCommandUnderTheAgentAndAnalyzesIt() throws Exception {
        Path jfr = dir.resolve("rec.jfr");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        CliRun run = CliRun.of("record", "-o", jfr.toString(), "--analyze", "--", java, "-cp",
                DemoCommand.codeSource(ShortHoldsBusyLock.class).toString(), ShortHoldsBusyLock.class.getName(), "--seconds", "3");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.size(jfr)).isPositive();
        assertThat(run.err()).contains("recorded " + jfr);
        assertThat(run.out()).contains("site: dev.lockscope.examples.ShortHoldsBusyLock.increment")
                .contains("agent: site dev.lockscope.examples.ShortHoldsBusyLock.<init>");
    }

    @Test
    void theCommandsExitCodeIsKept() throws Exception {
        Path jfr = dir.resolve("fail.jfr");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        CliRun run = CliRun.of("record", "-o", jfr.toString(), "--", java, "-cp",
                DemoCommand.codeSource(ShortHoldsBusyLock.class).toString(), ShortHoldsBusyLock.class.getName(), "--nonsense");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("the command exited with 1");
    }

    @Test
    void aCommandThatIsNotThereIsAOneLineError() {
        BadInputTest.assertOneLineFailure(CliRun.of("record", "-o", dir.resolve("x.jfr").toString(), "--",
                dir.resolve("no-such-java").toString()), 1, "cannot run");
    }
}
