package dev.lockscope.realworld;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class CompilerCpuTest {
    @Test
    void aCompilerThreadsStatLineGivesItsUserAndSystemTicks() {
        String c2 = "4242 (C2 CompilerThre) S 4200 4200 4100 0 -1 1077936192 1200 0 3 0 731 29 0 0 20 0 28 0 450 0";
        String c1 = "4243 (C1 CompilerThre) R 4200 4200 4100 0 -1 1077936192 900 0 0 0 56 4 0 0 20 0 28 0 450 0";
        assertThat(CompilerCpu.ticksIfCompiler(c2)).isEqualTo(760);
        assertThat(CompilerCpu.ticksIfCompiler(c1)).isEqualTo(60);
    }

    @Test
    void otherThreadsCountNothingEvenWithSpacesAndParenthesesInTheirNames() {
        assertThat(CompilerCpu.ticksIfCompiler("4244 (log-load-3) R 4200 4200 4100 0 -1 0 1 0 0 0 999 1 0 0 20 0 28 0 450 0"))
                .isZero();
        assertThat(CompilerCpu.ticksIfCompiler("4245 (a (C2 CompilerThre)) R 4200 4200 4100 0 -1 0 1 0 0 0 7 1 0 0 20 0 28"))
                .as("the name starts after the first '(': this thread is named 'a (C2 CompilerThre)'").isZero();
        assertThat(CompilerCpu.ticksIfCompiler("garbage")).isZero();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void inThisJvmTheCompilersTimeIsKnownAndWithinTheProcesssCpuTime() {
        long jit = CompilerCpu.nanos();
        long process = Figures.processCpuNanos();
        assertThat(jit).isNotNegative().isLessThanOrEqualTo(process);
    }
}
