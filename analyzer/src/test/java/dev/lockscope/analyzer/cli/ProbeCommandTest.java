package dev.lockscope.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code lockscope probe} prints the capability table; every capability says its source or why it is missing. */
class ProbeCommandTest {
    @Test
    void textTableNamesEveryCapability() {
        CliRun run = CliRun.of("probe");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("rseq").contains("on-CPU").contains("futex");
    }

    @Test
    void jsonIsAnObject() {
        CliRun run = CliRun.of("probe", "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip()).startsWith("{").endsWith("}");
    }

    @Test
    void badFormatIsAUsageError() {
        BadInputTest.assertOneLineFailure(CliRun.of("probe", "--format", "xml"), 2, "Invalid value for option");
    }
}
