package dev.lockscope.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Child JVMs as the modules' tests run them: output that fills any pipe, exit codes, a child that never ends. */
class ChildProcessTest {

    @Test
    void aChildPrintingMoreThanAPipeHoldsFinishes() throws Exception {
        // 2,000 lines of 101 bytes: three times a Linux pipe's 64 KiB, which would stall a child read after waitFor.
        ChildProcess.Result r = JavaCommand.of(Chatty.class).args("2000", "3").run(60);
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out().lines()).hasSize(2000);
        assertThat(r.err()).isEqualTo("to stderr\n");
        assertThatThrownBy(r::ok).isInstanceOf(AssertionError.class).hasMessageContaining("exited 3, expected 0")
                .hasMessageContaining("to stderr");
    }

    @Test
    void mergedOutputKeepsBothStreams() throws Exception {
        ChildProcess.Result r = JavaCommand.of(Chatty.class).args("1", "0").process().mergeErrors().run(60).ok();
        assertThat(r.out()).contains("xxx").contains("to stderr");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aChildPastItsTimeoutIsKilledAndFailsTheTest() {
        long before = System.nanoTime();
        assertThatThrownBy(() -> JavaCommand.of(Chatty.class).args("sleep").run(2))
                .isInstanceOf(AssertionError.class).hasMessageContaining("ran past its 2 s");
        assertThat((System.nanoTime() - before) / 1e9).as("seconds until the test was told").isLessThan(30);
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).count()).as("children left").isZero();
    }

    @Test
    void findsTheRunningJdkAndSaysWhenAnotherIsMissing() {
        assertThat(Jdks.current()).isExecutable();
        assertThat(Jdks.find(99)).as("a JDK that does not exist yet").isNull();
        assertThat(JavaCommand.of(Chatty.class).jvm("-Xmx64m").args("a").toList())
                .containsSubsequence(Jdks.current().toString(), "-Xmx64m", "-cp", Chatty.class.getName(), "a");
    }
}
