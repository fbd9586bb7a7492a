package dev.lockscope.analyzer.report;

import dev.lockscope.advisor.Figure;
import dev.lockscope.advisor.LockEvidence;
import dev.lockscope.analyzer.aggregate.AgentLockStats;

/**
 * The share of a lock's waits that were virtual threads', for the advisor (where they mostly were, "fewer threads" is
 * no remedy): counted by the agent, whose hooks run on the waiting thread. Without the agent, or from an agent that
 * did not count them apart, the figure stays missing with its reason.
 */
final class VirtualWaiters {
    private VirtualWaiters() {
    }

    static LockEvidence apply(LockEvidence e, AgentLockStats agent) {
        if (agent == null || agent.waits() <= 0 || agent.virtualWaits() < 0) {
            return e;
        }
        return e.withVirtualWaitShare(Figure.measured(Math.min(1, agent.virtualWaits() / (double) agent.waits()),
                "agent hooks, " + agent.virtualWaits() + " of " + agent.waits() + " waits by virtual threads"));
    }
}
