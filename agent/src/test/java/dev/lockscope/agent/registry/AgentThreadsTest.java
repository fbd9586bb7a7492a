package dev.lockscope.agent.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.agent.AgentMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rule that tells the agent's own code lists its packages rather than matching a prefix (an application may live
 * below dev.lockscope.agent, as the agent's test applications do): every class the agent ships must be recognised,
 * so a new package cannot slip out of the list unnoticed.
 */
class AgentThreadsTest {
    @Test
    void everyClassOfTheAgentIsTheAgentsCodeAndItsTestApplicationsAreNot() throws Exception {
        Path classes = Path.of(AgentMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names;
        try (Stream<Path> files = Files.walk(classes.resolve("dev/lockscope/agent"))) {
            names = files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .collect(Collectors.toList());
        }
        assertThat(names).hasSizeGreaterThan(50);
        assertThat(names).allMatch(AgentThreads::isAgentFrame);
        assertThat(AgentThreads.isAgentFrame("dev.lockscope.probe.Probe")).isTrue();
        assertThat(AgentThreads.isAgentFrame("dev.lockscope.agent.it.AgentActivityApp")).isFalse();
        assertThat(AgentThreads.isAgentFrame("dev.lockscope.locks.AdaptiveReentrantLock")).as("the application's lock").isFalse();
        assertThat(AgentThreads.isAgentFrame("com.example.App")).isFalse();
    }

    @Test
    void theAgentsThreadsAreTheOnesWithItsPrefix() {
        assertThat(AgentThreads.isAgentThreadName("lockscope-advice")).isTrue();
        assertThat(AgentThreads.isAgentThreadName("lockscope-metrics-http-HTTP-Dispatcher")).isTrue();
        assertThat(AgentThreads.isAgentThreadName("JFR Periodic Tasks")).isFalse();
        assertThat(AgentThreads.isAgentThreadName(null)).isFalse();
    }
}
