package dev.lockscope.benchmarks.agent;

import dev.lockscope.benchmarks.Medians;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Ratios of two configurations paired round by round (each round runs both, side by side): the median ratio, a 95%
 * bootstrap interval of that median, and in how many rounds the first was ahead: higher for a throughput
 * ({@link #of}), lower for a cost such as CPU time per op ({@link #ofCost}). On a shared 2-CPU
 * machine one round's ratio moves by 3-12%, so a 1-2% difference is only told apart over many rounds, and only
 * when the interval says so.
 */
public final class PairedRatios {
    /** Bootstrap resamples; a fixed seed so the same rounds always print the same interval. */
    static final int RESAMPLES = 4000;
    private static final long SEED = 42;
    /** Fewer rounds than this give a bootstrap with a handful of distinct medians: no verdict is drawn from it. */
    static final int MIN_ROUNDS = 8;

    final int rounds;
    final double median;
    final double low;
    final double high;
    final int ahead;
    /** A cost (the first is ahead when its ratio is below 1), not a throughput. */
    final boolean cost;

    private PairedRatios(int rounds, double median, double low, double high, int ahead, boolean cost) {
        this.rounds = rounds;
        this.median = median;
        this.low = low;
        this.high = high;
        this.ahead = ahead;
        this.cost = cost;
    }

    /** Throughputs: {@code a[i] / b[i]} for each round i where both are numbers; the first is ahead above 1. */
    public static PairedRatios of(double[] a, double[] b) {
        return of(a, b, false);
    }

    /** Costs (e.g. CPU ns per op): {@code a[i] / b[i]} as in {@link #of}; the first is ahead below 1. */
    public static PairedRatios ofCost(double[] a, double[] b) {
        return of(a, b, true);
    }

    private static PairedRatios of(double[] a, double[] b, boolean cost) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("rounds differ: " + a.length + " vs " + b.length);
        }
        double[] r = new double[a.length];
        int n = 0;
        int ahead = 0;
        for (int i = 0; i < a.length; i++) {
            double x = a[i] / b[i];
            if (!Double.isNaN(x) && !Double.isInfinite(x)) {
                r[n++] = x;
                ahead += (cost ? x < 1 : x > 1) ? 1 : 0;
            }
        }
        if (n == 0) {
            return new PairedRatios(0, Double.NaN, Double.NaN, Double.NaN, 0, cost);
        }
        double[] m = medianWithInterval(Arrays.copyOf(r, n));
        return new PairedRatios(n, m[0], m[1], m[2], ahead, cost);
    }

    /**
     * The median of {@code values} (one per round) and the 95% bootstrap interval of that median, as {median, low,
     * high}: for ratios here, and for per-round differences where a ratio means little (a start-up delay in ms).
     */
    public static double[] medianWithInterval(double[] values) {
        int n = values.length;
        SplittableRandom rnd = new SplittableRandom(SEED);
        double[] medians = new double[RESAMPLES];
        double[] sample = new double[n];
        for (int k = 0; k < RESAMPLES; k++) {
            for (int i = 0; i < n; i++) {
                sample[i] = values[rnd.nextInt(n)];
            }
            medians[k] = Medians.of(sample);
        }
        Arrays.sort(medians);
        return new double[] {Medians.of(values), medians[(int) (RESAMPLES * 0.025)], medians[(int) (RESAMPLES * 0.975) - 1]};
    }

    /** Whether the whole interval lies on the first's better side of 1 (faster, or cheaper): beyond this run's noise. */
    boolean clearlyAhead() {
        return rounds >= MIN_ROUNDS && (cost ? high < 1 : low > 1);
    }

    /** Whether the whole interval lies on the first's worse side of 1. */
    boolean clearlyBehind() {
        return rounds >= MIN_ROUNDS && (cost ? low > 1 : high < 1);
    }

    @Override
    public String toString() {
        String verdict = clearlyAhead() ? "ahead" : clearlyBehind() ? "behind"
                : rounds < MIN_ROUNDS ? "not told apart (fewer than " + MIN_ROUNDS + " rounds)" : "not told apart";
        return String.format("%.3fx (95%% interval %.3f-%.3f), ahead in %d of %d rounds: %s", median, low, high, ahead, rounds, verdict);
    }
}
