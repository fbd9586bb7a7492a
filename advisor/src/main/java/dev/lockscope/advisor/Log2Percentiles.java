package dev.lockscope.advisor;

/**
 * Percentiles of durations counted in log2 buckets (bucket i counts durations in [2^i, 2^(i+1)) ns), as the agent
 * keeps them: one definition for the agent's events and advice and for the analyzer's rows. A bucket says only that
 * the percentile lies below its end, so the figure is that end, an upper bound; but never above the longest duration
 * seen, which is exact: a single wait's percentiles are that wait, and p50 <= p90 <= p99 <= max always holds.
 */
public final class Log2Percentiles {
    private Log2Percentiles() {
    }

    /**
     * The {@code percentile}th (0..100) percentile of {@code counts} as an upper bound: the end of the bucket it falls
     * in, at most {@code maxNanos} (the longest duration counted; 0 or less when unknown). 0 when there are no counts.
     */
    public static long upperBound(long[] counts, double percentile, long maxNanos) {
        int bucket = bucketOf(counts, percentile);
        if (bucket < 0) {
            return 0;
        }
        long end = bucketEnd(bucket);
        return maxNanos > 0 ? Math.min(end, maxNanos) : end;
    }

    /** The exclusive end of bucket {@code i} in ns. */
    public static long bucketEnd(int i) {
        return i >= 62 ? Long.MAX_VALUE : 1L << (i + 1);
    }

    /** The bucket holding the {@code percentile}th percentile, or -1 when every count is zero. */
    public static int bucketOf(long[] counts, double percentile) {
        long total = 0;
        for (long c : counts) {
            total += Math.max(0, c);
        }
        if (total == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(total * percentile / 100.0));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += Math.max(0, counts[i]);
            if (seen >= rank) {
                return i;
            }
        }
        return counts.length - 1;
    }
}
