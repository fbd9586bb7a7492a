package dev.lockscope.analyzer.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FrameNamesTest {
    @Test
    void lambdaClassesLoseTheirCounterAddressAndJfrId() {
        // As JFR writes them on JDK 17 (counter, '+' address, '.' id) and JDK 21+ (no counter).
        assertThat(FrameNames.clean("dev.x.DemoWorkload$$Lambda$192+0x00007f0be41bd670.930317866.run"))
                .isEqualTo("dev.x.DemoWorkload$$Lambda.run");
        assertThat(FrameNames.clean("dev.x.Demo$$Lambda+0x000001000108a000.1616974404.run:-1"))
                .isEqualTo("dev.x.Demo$$Lambda.run:-1");
        // As Class.getName prints them, and with the '/' turned into '.'.
        assertThat(FrameNames.clean("dev.x.Demo$$Lambda$14/0x0000000800c03000.run")).isEqualTo("dev.x.Demo$$Lambda.run");
        assertThat(FrameNames.clean("dev.x.Demo$$Lambda.0x0000000800c44840.run")).isEqualTo("dev.x.Demo$$Lambda.run");
        assertThat(FrameNames.clean("dev.x.Demo$$Lambda$7.run")).isEqualTo("dev.x.Demo$$Lambda.run");
    }

    @Test
    void otherHiddenClassesLoseTheirAddress() {
        assertThat(FrameNames.clean("java.lang.invoke.LambdaForm$MH+0x0000000800c0c400.1234567.invoke"))
                .isEqualTo("java.lang.invoke.LambdaForm$MH.invoke");
        assertThat(FrameNames.clean("java.lang.invoke.LambdaForm$DMH/0x0000000800c0c800.invokeStatic"))
                .isEqualTo("java.lang.invoke.LambdaForm$DMH.invokeStatic");
        assertThat(FrameNames.clean("com.example.Gen.123.call")).isEqualTo("com.example.Gen.call");
    }

    @Test
    void ordinaryNamesAndLockAddressesStayAsTheyAre() {
        for (String s : List.of("com.example.Cache.get:42", "dev.x.Demo.lambda$main$0:12", "a.B$1.run",
                "java.util.concurrent.locks.ReentrantLock$NonfairSync@0x7f00aa10", "(no blocker)", "all",
                "java.lang.Thread.run:840", "x.Y.<init>:3")) {
            assertThat(FrameNames.clean(s)).isEqualTo(s);
        }
    }
}
