package dev.lockscope.agent.registry;

/**
 * Bucket math for the bounded wait-time histogram: bucket i holds durations in [2^i, 2^(i+1)) ns. Its percentiles are
 * the advisor's {@code Log2Percentiles}, the one definition the agent's events and the analyzer's reports share.
 */
public final class Log2Histogram {
    /** 2^39 ns is about 9 minutes: longer waits land in the last bucket. */
    public static final int BUCKETS = 40;

    private Log2Histogram() {
    }

    public static int bucket(long nanos) {
        if (nanos <= 1) {
            return 0;
        }
        return Math.min(BUCKETS - 1, 63 - Long.numberOfLeadingZeros(nanos));
    }

    /** Comma-separated counts with trailing zeros cut, e.g. "0,0,3,7". */
    public static String format(long[] counts) {
        int last = counts.length - 1;
        while (last >= 0 && counts[last] == 0) {
            last--;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i <= last; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(counts[i]);
        }
        return sb.toString();
    }
}
