package dev.lockscope.analyzer.aggregate;

import java.util.Arrays;

/**
 * The mean of a periodic sample over a recording, each sample weighted by the time since the one before it (the first
 * by the time since the recording's start): a JVM's CPU load reported over each period. A plain mean would let a
 * stretch sampled densely (a quiet start, say) outweigh one sampled sparsely (a loaded machine delays periodic
 * events), so one recording read whole and the same recording read as its rotated files would disagree.
 */
final class TimeWeightedMean {
    private long[] times = new long[8];
    private double[] values = new double[8];
    private int n;

    void add(long timeNanos, double value) {
        if (n == times.length) {
            times = Arrays.copyOf(times, 2 * n);
            values = Arrays.copyOf(values, 2 * n);
        }
        times[n] = timeNanos;
        values[n] = value;
        n++;
    }

    int count() {
        return n;
    }

    /** The weighted mean from {@code startNanos} on, or NaN with no sample; samples at one instant weigh alike. */
    double mean(long startNanos) {
        if (n == 0) {
            return Double.NaN;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(times[a], times[b]));
        double weighted = 0;
        double weights = 0;
        double plain = 0;
        long last = startNanos;
        for (int i : order) {
            long w = Math.max(0, times[i] - last);
            weighted += values[i] * w;
            weights += w;
            plain += values[i];
            last = Math.max(last, times[i]);
        }
        return weights > 0 ? weighted / weights : plain / n;
    }
}
