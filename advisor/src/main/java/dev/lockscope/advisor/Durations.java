package dev.lockscope.advisor;

import java.util.Locale;

/** Human-readable durations with three significant figures: 812 ns, 4.31 us, 12.0 ms, 3.27 s. */
public final class Durations {
    private Durations() {
    }

    public static String format(long nanos) {
        if (nanos < 1_000) {
            return nanos + " ns";
        }
        if (nanos < 1_000_000) {
            return sig(nanos / 1e3) + " us";
        }
        if (nanos < 1_000_000_000) {
            return sig(nanos / 1e6) + " ms";
        }
        return sig(nanos / 1e9) + " s";
    }

    private static String sig(double v) {
        String f = v < 10 ? "%.2f" : v < 100 ? "%.1f" : "%.0f";
        return String.format(Locale.ROOT, f, v);
    }

    public static String percent(double fraction) {
        double p = fraction * 100;
        return String.format(Locale.ROOT, p < 10 ? "%.2f%%" : "%.1f%%", p);
    }
}
