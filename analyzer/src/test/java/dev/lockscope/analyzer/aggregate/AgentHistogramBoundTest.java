package dev.lockscope.analyzer.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.advisor.Log2Percentiles;
import dev.lockscope.analyzer.model.AgentSummary;
import dev.lockscope.events.Log2Histogram;
import org.junit.jupiter.api.Test;

/**
 * The analyzer adds up the agent's histograms with the agent's own bucket count: a wait the agent put in its last
 * bucket (the longest ones) is in the analyzer's last bucket, and an entry past it reads as that bucket too.
 */
class AgentHistogramBoundTest {
    static final int LAST = Log2Histogram.BUCKETS - 1;

    @Test
    void theAgentsLongestWaitsAndHoldsLandInTheAnalyzersLastBucket() {
        long[] counts = new long[Log2Histogram.BUCKETS];
        counts[Log2Histogram.bucket(Long.MAX_VALUE)] = 3;
        AgentLockStats a = stats(summary(Log2Histogram.format(counts)));
        assertThat(a.percentileUpperBoundNanos(50)).isEqualTo(Log2Percentiles.bucketEnd(LAST));
        assertThat(a.medianHoldSpanNanos()).isEqualTo(Log2Percentiles.bucketEnd(LAST));
    }

    @Test
    void anEntryPastTheAgentsLastBucketCountsInIt() {
        long[] counts = new long[Log2Histogram.BUCKETS + 3];
        counts[counts.length - 1] = 2;
        AgentLockStats a = stats(summary(Log2Histogram.format(counts)));
        assertThat(a.percentileUpperBoundNanos(99)).isEqualTo(Log2Percentiles.bucketEnd(LAST));
    }

    @Test
    void twoSummariesAddBucketByBucket() {
        AgentLockStats a = stats(summary("0,0,1"));
        a.add(summary("0,0,0,0,0,0,0,0,0,0,3"));
        // 4 waits: the median is in bucket 10 (3 of 4), the 25th percentile in bucket 2.
        assertThat(a.percentileUpperBoundNanos(50)).isEqualTo(Log2Percentiles.bucketEnd(10));
        assertThat(a.percentileUpperBoundNanos(25)).isEqualTo(Log2Percentiles.bucketEnd(2));
    }

    private static AgentLockStats stats(AgentSummary s) {
        AgentLockStats a = new AgentLockStats(0, s);
        a.add(s);
        return a;
    }

    /** A summary whose waits and hold spans are both {@code histogram}, with no longest wait or hold known (0). */
    private static AgentSummary summary(String histogram) {
        return new AgentSummary("java.util.concurrent.locks.ReentrantLock", "a.B.<init>:1", "constructed", 1,
                "measured: agent hooks", 1_000_000_000L, 3, 0, 3, 1_000_000, 0, histogram, 3, 1_000_000, 0, 0, "t",
                1, -1, -1, -1, -1, null, -1, null, histogram, -1);
    }
}
