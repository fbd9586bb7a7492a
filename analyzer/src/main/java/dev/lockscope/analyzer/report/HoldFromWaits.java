package dev.lockscope.analyzer.report;

import dev.lockscope.advisor.Figure;
import dev.lockscope.advisor.HoldBounds;
import dev.lockscope.advisor.LockEvidence;
import dev.lockscope.analyzer.aggregate.AgentLockStats;
import dev.lockscope.events.SiteKinds;

/**
 * A tighter typical hold for java.util.concurrent locks than the hooks' hold span, from the agent's median
 * contended wait ({@link HoldBounds}): the agent counts every contended wait, the shortest included.
 */
final class HoldFromWaits {
    private HoldFromWaits() {
    }

    static LockEvidence apply(LockEvidence e, AgentLockStats agent) {
        if (agent == null || agent.waits() == 0 || SiteKinds.isMonitor(agent.siteKind())) {
            return e; // monitor waits reach the agent from JDK events above a threshold: their median is no bound
        }
        Figure hold = HoldBounds.tighter(e.typicalHoldNanos(), agent.percentileUpperBoundNanos(50), agent.waits());
        return hold == e.typicalHoldNanos() ? e : e.withHold(hold);
    }
}
