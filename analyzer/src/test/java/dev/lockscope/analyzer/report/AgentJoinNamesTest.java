package dev.lockscope.analyzer.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Monitor rows join on class name: the agent's JVM array names must read as JMC's. */
class AgentJoinNamesTest {
    @Test
    void jvmArrayNamesBecomeJavaNames() {
        assertThat(AgentJoin.javaName("[I")).isEqualTo("int[]");
        assertThat(AgentJoin.javaName("[[J")).isEqualTo("long[][]");
        assertThat(AgentJoin.javaName("[Ljava.lang.Object;")).isEqualTo("java.lang.Object[]");
        assertThat(AgentJoin.javaName("dev.x.Cache")).isEqualTo("dev.x.Cache");
    }
}
