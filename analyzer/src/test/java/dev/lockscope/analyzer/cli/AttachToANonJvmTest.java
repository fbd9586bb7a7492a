package dev.lockscope.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Attaching to a process that is not a JVM fails at once with the reason, and leaves the process alone (the Attach
 * API's SIGQUIT would end it, after a 10 s wait).
 */
class AttachToANonJvmTest {
    @Test
    void aProcessThatIsNotAJvmIsRefusedWithinTwoSecondsAndLeftRunning() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            long t0 = System.nanoTime();
            CliRun run = CliRun.of("attach", Long.toString(sleeper.pid()), "--duration", "1s");
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("lockscope attach: process " + sleeper.pid() + " is not a Java VM");
            // The CLI runs the agent jar's attach in a child JVM: its start-up is most of the time allowed.
            assertThat(millis).as("time to fail").isLessThan(2_000 + JVM_START_MILLIS);
            assertThat(sleeper.isAlive()).as("the process is left alone").isTrue();
        } finally {
            sleeper.destroy();
        }
    }

    @Test
    void aPidWithNoProcessIsRefusedWithTheReason() {
        CliRun run = CliRun.of("attach", "999999999", "--duration", "1s");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("lockscope attach: no process 999999999");
    }

    /** A child JVM's start-up on a busy 2-CPU machine. */
    static final long JVM_START_MILLIS = 3_000;
}
