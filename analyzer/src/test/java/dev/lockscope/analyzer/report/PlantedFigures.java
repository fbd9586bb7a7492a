package dev.lockscope.analyzer.report;

import dev.lockscope.analyzer.aggregate.Aggregator;
import dev.lockscope.analyzer.model.AgentSummary;
import dev.lockscope.analyzer.model.Frame;
import dev.lockscope.analyzer.model.WaitEvent;
import dev.lockscope.analyzer.read.ChunkLayout;
import dev.lockscope.analyzer.read.RecordingVisitor;
import java.nio.file.Path;
import java.util.List;

/**
 * Waits and agent summaries with known figures, fed straight to the aggregator (no recording): rows whose
 * percentiles, counts and hold figures are known exactly.
 */
final class PlantedFigures {
    static final long TEN_SECONDS_AND_A_BIT = 10_000_000_123L;
    /** The matched lock: the JDK recorded 50 waits of 25 ms; the agent counted 5000 contended acquisitions. */
    static final int RECORDED_WAITS = 50;
    static final long RECORDED_WAIT = 25_000_000;
    static final int AGENT_WAITS = 5000;
    static final long AGENT_WAIT_NANOS = 2_000_000_000L;
    static final String LEDGER_SITE = "com.example.Ledger.<init>:7";
    static final String ISSUE_SITE = "com.example.Issue.<init>:12";
    static final String SINGLE_SITE = "com.example.Single.<init>:3";
    static final long ISSUE_MAX_WAIT = 14_200_000;

    private PlantedFigures() {
    }

    static Report report() {
        Aggregator agg = new Aggregator();
        ChunkLayout layout = new ChunkLayout(Path.of("planted.jfr"), 1000, 1000, 1, false, 0, 10_000_000_000L, List.of());
        RecordingVisitor v = agg.visitorFor(layout);
        for (String type : List.of("jdk.ThreadPark", "jdk.JavaMonitorEnter")) {
            v.setting(type, "enabled", "true");
            v.setting(type, "threshold", "20 ms");
        }
        v.threadCount(0, 4);

        // One JDK wait of 10.0 s on its own lock: every percentile is that wait.
        v.waitEvent(park("java.util.concurrent.locks.ReentrantLock$NonfairSync", 0x100, TEN_SECONDS_AND_A_BIT,
                "com.example.Single", "run", 10));

        // The ledger lock: 50 recorded waits of 25 ms; the agent's summary of the same lock counts every contended
        // acquisition: 5000, mostly 1-2 us. Its spans' median bucket ends at 32.8 us, their mean is 79.4 us.
        for (int i = 0; i < RECORDED_WAITS; i++) {
            v.waitEvent(park("java.util.concurrent.locks.ReentrantLock$NonfairSync", 0x200, RECORDED_WAIT,
                    "com.example.Ledger", "post", 42));
        }
        v.agentSummary(summary("java.util.concurrent.locks.ReentrantLock", LEDGER_SITE, "constructed", 77,
                AGENT_WAITS, AGENT_WAIT_NANOS, 30_000_000, counts(10, 3000, 24, 2000), 400, 400 * 79_400L, 1_200_000,
                counts(13, 150, 14, 100, 15, 150), 0.9, 2000, 1000));
        v.agentWaitSite(77, "com.example.Ledger.post:42");

        // Locks only the agent saw. Most waits in [2.1 ms, 4.2 ms), a fifth in [8.4 ms, 16.8 ms), the longest 14.2 ms:
        // the bucket ends alone would put p90 and p99 at 16.8 ms, above the max.
        v.agentSummary(summary("java.util.concurrent.locks.ReentrantLock", ISSUE_SITE, "constructed", 88, 100,
                80 * 3_000_000L + 20 * 12_000_000L, ISSUE_MAX_WAIT, counts(21, 80, 23, 20), 0, 0, 0, null, -1, -1, 0));
        // A single wait of 10.0 s: the bucket [8.6 s, 17.2 s) alone would make its median 17.2 s.
        v.agentSummary(summary("java.util.concurrent.locks.ReentrantLock", SINGLE_SITE, "constructed", 99, 1,
                TEN_SECONDS_AND_A_BIT, TEN_SECONDS_AND_A_BIT, counts(33, 1), 0, 0, 0, null, -1, -1, 0));

        // A monitor: the JDK recorded 10 waits of 30 ms; the agent read 12 from its own monitor event stream.
        for (int i = 0; i < 10; i++) {
            v.waitEvent(new WaitEvent("jdk.JavaMonitorEnter", 0, 30_000_000, 20 + i, "cache-" + i, "com.example.Cache",
                    0x300, null, List.of(new Frame("com.example.Cache", "get", 5))));
        }
        v.agentSummary(new AgentSummary("com.example.Cache", "com.example.Cache", "monitor-class", 0x300,
                "measured: jdk.JavaMonitorEnter/Wait stream", 1_000_000_000L, 12, 0, 12, 360_000_000L, 31_000_000,
                counts(24, 12), 0, 0, 0, 0, "", 0, -1, -1, -1, -1, null, -1, null, null));
        return ReportBuilder.build(agg, "test", List.of());
    }

    static WaitEvent park(String blocker, long address, long nanos, String appClass, String method, int line) {
        return new WaitEvent("jdk.ThreadPark", 0, nanos, 7, "waiter", blocker, address, null, List.of(
                new Frame("jdk.internal.misc.Unsafe", "park", 0),
                new Frame("java.util.concurrent.locks.LockSupport", "park", 211),
                new Frame("java.util.concurrent.locks.AbstractQueuedSynchronizer", "acquire", 715),
                new Frame("java.util.concurrent.locks.ReentrantLock", "lock", 322),
                new Frame(appClass, method, line)));
    }

    /** "0,...,0,count" strings: pairs of log2 bucket and count. */
    static String counts(int... bucketAndCount) {
        long[] c = new long[40];
        for (int i = 0; i < bucketAndCount.length; i += 2) {
            c[bucketAndCount[i]] += bucketAndCount[i + 1];
        }
        int last = c.length - 1;
        while (c[last] == 0) {
            last--;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i <= last; i++) {
            b.append(i == 0 ? "" : ",").append(c[i]);
        }
        return b.toString();
    }

    private static AgentSummary summary(String lockClass, String site, String kind, long id, long waits, long waitNanos,
                                        long maxWait, String waitHistogram, long holds, long holdNanos, long maxHold,
                                        String holdHistogram, double onCpu, long futexCalls, long futexWaits) {
        return new AgentSummary(lockClass, site, kind, id, "measured: agent hooks", 1_000_000_000L, waits, 0, waits,
                waitNanos, maxWait, waitHistogram, holds, holdNanos, maxHold, 0, "owner", 1.0, onCpu, futexCalls,
                onCpu >= 0 ? waitNanos : -1, futexWaits, onCpu >= 0 ? "measured: eBPF" : null, 0.9,
                "sampled (/proc/self/task/*/stat)", holdHistogram);
    }
}
