package dev.lockscope.agent.registry;

/** Bucket math for the bounded wait-time histogram: bucket i holds durations in [2^i, 2^(i+1)) ns. */
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

    /** Upper bound (exclusive) of bucket i in ns. */
    public static long upperBound(int bucket) {
        return bucket >= 62 ? Long.MAX_VALUE : 1L << (bucket + 1);
    }

    /** Upper bound of the bucket that holds quantile q (0..1) of the counts, or 0 when empty. */
    public static long quantile(long[] counts, double q) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return upperBound(i);
            }
        }
        return upperBound(counts.length - 1);
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
