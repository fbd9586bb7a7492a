package dev.lockscope.analyzer.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Rows join and read on class names: the JVM's array names (the agent's, JFR's constant pool) must read as JMC's. */
class ClassNamesTest {
    @Test
    void jvmArrayNamesBecomeJavaNames() {
        assertThat(ClassNames.javaName("[I")).isEqualTo("int[]");
        assertThat(ClassNames.javaName("[[J")).isEqualTo("long[][]");
        assertThat(ClassNames.javaName("[Ljava.lang.Object;")).isEqualTo("java.lang.Object[]");
        assertThat(ClassNames.javaName("dev.x.Cache")).isEqualTo("dev.x.Cache");
        assertThat(ClassNames.javaName(null)).isNull();
    }
}
