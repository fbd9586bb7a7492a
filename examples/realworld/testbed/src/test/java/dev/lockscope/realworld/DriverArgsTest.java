package dev.lockscope.realworld;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DriverArgsTest {
    @Test
    void defaultsHoldUntilAnArgumentChangesThem() {
        DriverArgs a = DriverArgs.parse(new String[] {"--seconds", "3", "--threads", "16"}, 10, 2, 8);
        assertThat(a).isEqualTo(new DriverArgs(3, 2, 16));
    }
}
