package dev.lockscope.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.examples.ShortHoldsBusyLock;
import dev.lockscope.testsupport.Jdks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lockscope record}: a Java command run under the agent, its locks recorded and analyzed. */
class RecordCommandTest {
    @TempDir
    Path dir;

    @Test
    void recordsAJavaCommandUnderTheAgentAndAnalyzesIt() throws Exception {
        Path jfr = dir.resolve("rec.jfr");
        String java = Jdks.current().toString();
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
        String java = Jdks.current().toString();
        CliRun run = CliRun.of("record", "-o", jfr.toString(), "--", java, "-cp",
                DemoCommand.codeSource(ShortHoldsBusyLock.class).toString(), ShortHoldsBusyLock.class.getName(), "--nonsense");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("the command exited with 1");
    }

    @Test
    void aCommandThatRecordsNothingKeepsItsExitCodeAndSaysSo() {
        Path jfr = dir.resolve("none.jfr");
        CliRun run = CliRun.of("record", "-o", jfr.toString(), "--", "sh", "-c", "exit 3");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("lockscope: nothing recorded: the command exited with 3 before a JVM with the agent wrote");
        assertThat(jfr).doesNotExist();
    }

    @Test
    void aCommandThatStartsTwoJvmsGetsARecordingEach() throws Exception {
        Path jfr = dir.resolve("two.jfr");
        String java = Jdks.current().toString();
        String one = java + " -cp " + DemoCommand.codeSource(ShortHoldsBusyLock.class) + " "
                + ShortHoldsBusyLock.class.getName() + " --seconds 1";
        CliRun run = CliRun.of("record", "-o", jfr.toString(), "--analyze", "--", "sh", "-c", one + " && " + one);
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<Path> files;
        try (var s = Files.list(dir)) {
            files = s.filter(f -> f.getFileName().toString().matches("two-\\d+\\.jfr")).toList();
        }
        assertThat(files).hasSize(2).allSatisfy(f -> assertThat(Files.size(f)).isPositive());
        assertThat(jfr).doesNotExist();
        assertThat(run.err()).contains("the command started 2 JVMs, one recording each; the command exited with 0");
        // Analyzed together: two recordings, each with its own JVM.
        assertThat(run.out()).contains("2 recordings");
    }

    @Test
    void aCommandThatIsNotThereIsAOneLineError() {
        BadInputTest.assertOneLineFailure(CliRun.of("record", "-o", dir.resolve("x.jfr").toString(), "--",
                dir.resolve("no-such-java").toString()), 1, "cannot run");
    }
}
