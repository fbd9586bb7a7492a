package dev.lockscope.events;

/**
 * The log2 histograms of {@code LockSummary} ({@code waitHistogram}, {@code holdHistogram}): bucket i counts
 * durations in [2^i, 2^(i+1)) ns, the last bucket everything longer. The agent counts and formats with it and the
 * analyzer parses with it, so both sides agree on the text and on the number of buckets.
 */
public final class Log2Histogram {
    /** 2^39 ns is about 9 minutes: longer durations land in the last bucket. */
    public static final int BUCKETS = 40;

    private Log2Histogram() {
    }

    /** The bucket of a duration; 0 and 1 ns land in bucket 0. */
    public static int bucket(long nanos) {
        if (nanos <= 1) {
            return 0;
        }
        return Math.min(BUCKETS - 1, 63 - Long.numberOfLeadingZeros(nanos));
    }

    /** Comma-separated counts with trailing zeros cut, e.g. "0,0,3,7"; all zeros give "". */
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

    /**
     * The {@link #BUCKETS} counts of a {@link #format}ted histogram: missing trailing entries are 0 (so "" is all zeros),
     * and entries past the last bucket, which no writer makes, are counted in it, as {@link #bucket} counts long
     * durations. Null for null or malformed text: a reader loses the distribution, never reads a wrong one.
     */
    public static long[] parse(String text) {
        if (text == null) {
            return null;
        }
        long[] counts = new long[BUCKETS];
        if (text.isBlank()) {
            return counts;
        }
        String[] entries = text.split(",");
        for (int i = 0; i < entries.length; i++) {
            try {
                counts[Math.min(i, BUCKETS - 1)] += Long.parseLong(entries[i].trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return counts;
    }
}
