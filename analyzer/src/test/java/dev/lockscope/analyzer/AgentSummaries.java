package dev.lockscope.analyzer;

import dev.lockscope.events.LockSummary;

/** LockSummary events as the agent writes them for a constructed java.util.concurrent lock, for tests to finish. */
public final class AgentSummaries {
    private AgentSummaries() {
    }

    /**
     * One period (1 s) of a lock built at {@code site}: its waits (all exclusive) and their total; no probe figures
     * (-1 with no source) until the test sets them.
     */
    public static LockSummary constructed(String lockClass, String site, long waits, long waitTime) {
        LockSummary e = new LockSummary();
        e.lockClass = lockClass;
        e.site = site;
        e.siteKind = "constructed";
        e.lockId = site.hashCode();
        e.source = "measured: agent hooks";
        e.period = 1_000_000_000L;
        e.waits = waits;
        e.writeWaits = waits;
        e.waitTime = waitTime;
        e.ownerOnCpuShare = -1;
        e.futexCalls = -1;
        e.runnableThreadsPerCpu = -1;
        return e;
    }
}
