package dev.lockscope.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OneLineErrorTest {
    @Test
    void aMessageCarryingLineBreaksFromDamagedBytesStaysOneLineWithTheBreaksShown() {
        String m = "corrupt JFR recording: (NumberFormatException: For input string: \"1\n7\r\")";
        assertThat(LockscopeCli.oneLine(m)).isEqualTo("corrupt JFR recording: (NumberFormatException: For input string: \"1\\n7\\r\")")
                .doesNotContain("\n").doesNotContain("\r");
        assertThat(LockscopeCli.oneLine(null)).isEqualTo("null");
    }
}
