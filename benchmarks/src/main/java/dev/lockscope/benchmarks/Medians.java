package dev.lockscope.benchmarks;

import java.util.Arrays;

/** The median the comparison harnesses report: rounds without a figure (NaN) are left out, not sorted in. */
public final class Medians {
    private Medians() {
    }

    /** The median of the numbers in {@code v}, or NaN when there are none. */
    public static double of(double[] v) {
        double[] s = Arrays.stream(v).filter(d -> !Double.isNaN(d)).sorted().toArray();
        int n = s.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
