package dev.lockscope.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AgentOptionsTest {
    @Test
    void defaultsAndValues() {
        AgentOptions o = AgentOptions.parse("record=locks.jfr,monitorThreshold=500us,maxLocks=10,sites=false");
        assertThat(o.string("record")).isEqualTo("locks.jfr");
        assertThat(o.duration("monitorThreshold")).isEqualTo(Duration.ofNanos(500_000));
        assertThat(o.integer("maxLocks")).isEqualTo(10);
        assertThat(o.bool("sites")).isFalse();
        assertThat(o.bool("monitors")).isTrue();
        assertThat(AgentOptions.parse(null).integer("sampleRate")).isEqualTo(100);
        assertThat(AgentOptions.parse(null).duration("holdSpanEvery")).isEqualTo(Duration.ofMillis(10));
        assertThat(AgentOptions.parse("holdSpanEvery=0").duration("holdSpanEvery")).isZero();
        assertThat(AgentOptions.parse("holdSpanEvery=1h").duration("holdSpanEvery")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void adaptTakesCommaSeparatedSitesAmongOtherOptions() {
        AgentOptions o = AgentOptions.parse("record=a.jfr,adapt=p.A.<init>:3,p.B:9,auto,maxLocks=10,sites");
        assertThat(o.string("adapt")).isEqualTo("p.A.<init>:3,p.B:9,auto");
        assertThat(o.integer("maxLocks")).isEqualTo(10);
        assertThat(o.bool("sites")).isTrue();
        assertThatThrownBy(() -> AgentOptions.parse("adapt=p.A.run:x")).hasMessageContaining("must end in :LINE");
    }

    @Test
    void badInputIsOneClearMessage() {
        assertThatThrownBy(() -> AgentOptions.parse("maxlocks=3")).hasMessageStartingWith("unknown agent option 'maxlocks'");
        assertThatThrownBy(() -> AgentOptions.parse("monitorThreshold=soon")).hasMessageContaining("must be a duration");
        assertThatThrownBy(() -> AgentOptions.parse("sampleRate=-1")).hasMessageContaining("non-negative integer");
        assertThatThrownBy(() -> AgentOptions.parse("holdSpanEvery=-1ms")).hasMessage(
                "agent option holdSpanEvery must be between 0 and 1h, not '-1ms'");
        assertThatThrownBy(() -> AgentOptions.parse("holdSpanEvery=2h")).hasMessageContaining("between 0 and 1h");
        assertThatThrownBy(() -> AgentOptions.parse("siteBudget=lots")).hasMessage(
                "agent option siteBudget must be INITIAL/PER_SECOND (non-negative integers), not 'lots'");
    }

    @Test
    void everyOptionIsInTheReadmeTable() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (String key : AgentOptions.DEFAULTS.keySet()) {
            assertThat(readme).as("agent/README.md documents " + key).contains("| `" + key + "=");
        }
    }
}
