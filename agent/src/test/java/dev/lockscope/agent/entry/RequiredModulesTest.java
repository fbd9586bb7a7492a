package dev.lockscope.agent.entry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The modules the agent needs are checked before it loads anything, and a runtime without them is told which. */
class RequiredModulesTest {
    @Test
    void aFullRuntimeHasEveryModule() {
        assertThat(AgentEntry.missingModules(ModuleLayer.boot())).isNull();
    }

    @Test
    void aLayerWithoutThemNamesEachOne() {
        assertThat(AgentEntry.missingModules(ModuleLayer.empty()))
                .startsWith("this Java runtime lacks the modules jdk.jfr, java.management, jdk.management the agent needs")
                .contains("--add-modules");
    }
}
