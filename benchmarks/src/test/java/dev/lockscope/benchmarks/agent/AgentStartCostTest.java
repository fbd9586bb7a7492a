package dev.lockscope.benchmarks.agent;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The start-cost report pairs each configuration with each before it by round, in ms; bad arguments fail at once. */
class AgentStartCostTest {
    @Test
    void reportsEachPairsMedianDelayByRound() {
        double[] none = {50, 60, 55, 52, 58, 51, 49, 62};
        double[] agent = new double[none.length];
        for (int r = 0; r < none.length; r++) {
            agent[r] = none[r] + 100 + (r % 2 == 0 ? 3 : -3); // 97 or 103 ms later, whatever the round's own speed
        }
        String report = AgentStartCost.report(List.of(AgentStartCost.NONE, "agent"), new double[][] {none, agent});
        assertTrue(report.contains("| no agent | 54 |") && report.contains("| agent | 155 |"), report);
        assertTrue(report.contains("agent - no agent: +100 ms (+97 to +103), 8 rounds"), report);
    }

    @Test
    void anUnknownArgumentOrAMissingJarIsRefused() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> AgentStartCost.main(new String[] {"--nonsense"}));
        assertTrue(unknown.getMessage().contains("unknown argument --nonsense"), unknown.getMessage());
        IllegalArgumentException jar = assertThrows(IllegalArgumentException.class, () -> AgentStartCost.main(new String[] {"--agent", "x=/no/such.jar"}));
        assertTrue(jar.getMessage().contains("existing jar"), jar.getMessage());
    }
}
