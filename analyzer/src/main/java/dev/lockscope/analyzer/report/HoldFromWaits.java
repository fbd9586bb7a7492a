package dev.lockscope.analyzer.report;

import dev.lockscope.advisor.Durations;
import dev.lockscope.advisor.Figure;
import dev.lockscope.advisor.LockEvidence;
import dev.lockscope.analyzer.aggregate.AgentLockStats;

/**
 * A tighter typical hold for java.util.concurrent locks than the hooks' hold span. The span runs from a contended
 * acquisition to the release that wakes a waiter; on a barging lock with short holds the owner takes and releases
 * the lock many times before a woken waiter is back, so one span covers many holds. A waiter, though, waits at
 * least the rest of the hold it meets, about half of it: twice the median of all contended waits (the agent counts
 * every one, the shortest included) estimates the typical hold from above. The smaller of the two is used.
 */
final class HoldFromWaits {
    private HoldFromWaits() {
    }

    static LockEvidence apply(LockEvidence e, AgentLockStats agent) {
        if (agent == null || agent.waits() == 0 || "monitor-class".equals(agent.siteKind())) {
            return e; // monitor waits reach the agent from JDK events above a threshold: their median is no bound
        }
        long p50 = agent.percentileUpperBoundNanos(50);
        if (p50 <= 0 || p50 == Long.MAX_VALUE) {
            return e;
        }
        long bound = 2 * p50;
        Figure span = e.typicalHoldNanos();
        if (span.known() && span.value() <= bound) {
            return e;
        }
        Figure hold = Figure.estimated(bound, "twice the median of the agent's " + agent.waits()
                + " contended waits (median under " + Durations.format(p50) + "): a waiter waits at least the rest"
                + " of the hold it meets; " + (span.known() ? "the hooks' hold span, mean "
                + Durations.format((long) span.value()) + ", covers several holds of a barging lock"
                : "the hooks timed no hold"));
        return new LockEvidence(e.lock(), e.type(), e.contendedAcquisitions(), e.totalWaitNanos(),
                e.shareOfThreadTime(), e.waitP50Nanos(), e.waitP99Nanos(), hold, e.ownerOnCpuShare(),
                e.futexCallsPerAcquisition(), e.readShare(), e.runnableThreadsPerCpu());
    }
}
