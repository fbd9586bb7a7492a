package dev.lockscope.analyzer.report;

import dev.lockscope.advisor.Durations;
import dev.lockscope.analyzer.report.Report.Bucket;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * A row's wait-time histogram as inline SVG: power-of-2 buckets of wait duration on x, and two bars per bucket,
 * the waits in it on a log scale (left axis), so a bucket of a few waits still shows beside one of thousands, and
 * the wait time they add up to on a linear scale (right axis), so the buckets that hold most of the waiting stand
 * out even when they hold few waits.
 */
final class WaitHistogramSvg {
    private static final int LEFT = 64;
    private static final int RIGHT = 72;
    private static final int TOP = 22;
    private static final int PLOT_HEIGHT = 150;
    private static final int BOTTOM = 72;
    private static final int MAX_GROUP = 56;
    private static final int MAX_BAR = 26;
    private static final int PLOT_WIDTH_MIN = 320;
    private static final int PLOT_WIDTH_MAX = 760;
    /** The log axis starts at half a wait, so a bucket of one wait shows a bar. */
    private static final double LOG_FLOOR = Math.log10(0.5);

    private WaitHistogramSvg() {
    }

    static void render(List<Bucket> buckets, long rowTotalNanos, PrintWriter out) {
        if (buckets.isEmpty()) {
            return;
        }
        int n = buckets.size();
        // Few buckets get wide groups (a readable plot), their bars no wider than MAX_BAR, centred.
        int group = Math.max(12, Math.max(PLOT_WIDTH_MIN / n, Math.min(MAX_GROUP, PLOT_WIDTH_MAX / n)));
        int plotWidth = group * n;
        long maxCount = buckets.stream().mapToLong(Bucket::count).max().orElse(1);
        int decades = Math.max(1, (int) Math.ceil(Math.log10(Math.max(1, maxCount)) - 1e-9));
        if (Math.pow(10, decades) < maxCount) {
            decades++;
        }
        long maxNanos = Math.max(1, buckets.stream().mapToLong(Bucket::waitNanos).max().orElse(1));
        long step = niceStep(maxNanos);
        long timeTop = step * (long) Math.ceil((double) maxNanos / step);
        long total = rowTotalNanos > 0 ? rowTotalNanos : buckets.stream().mapToLong(Bucket::waitNanos).sum();

        int width = LEFT + plotWidth + RIGHT;
        int height = TOP + PLOT_HEIGHT + BOTTOM;
        int base = TOP + PLOT_HEIGHT;
        out.printf(Locale.ROOT, "<svg class=\"hist\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
                + "aria-label=\"wait-time histogram: waits per bucket on a log scale, and the wait time each bucket "
                + "holds\">%n", width, height, width, height);
        // Left axis: waits, log scale, a gridline per decade.
        for (int d = 0; d <= decades; d++) {
            double y = base - PLOT_HEIGHT * (d - LOG_FLOOR) / (decades - LOG_FLOOR);
            out.printf(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%s</text>%n", LEFT, LEFT + plotWidth,
                    y, y, LEFT - 6, y + 4, countLabel((long) Math.pow(10, d)));
        }
        // Right axis: wait time, linear.
        for (long t = 0; t <= timeTop; t += step) {
            double y = base - PLOT_HEIGHT * (double) t / timeTop;
            out.printf(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"axisline\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" class=\"tick time\">%s</text>%n", LEFT + plotWidth, LEFT + plotWidth + 4,
                    y, y, LEFT + plotWidth + 7, y + 4, Durations.format(t));
        }
        int labelEvery = Math.max(1, (int) Math.ceil(44.0 / group));
        for (int i = 0; i < n; i++) {
            Bucket b = buckets.get(i);
            int x = LEFT + i * group;
            double share = total > 0 ? (double) b.waitNanos() / total : 0;
            double hc = b.count() == 0 ? 0 : PLOT_HEIGHT * (Math.log10(b.count()) - LOG_FLOOR) / (decades - LOG_FLOOR);
            double ht = PLOT_HEIGHT * (double) b.waitNanos() / timeTop;
            double bw = Math.min(MAX_BAR, (group - 4) / 2.0);
            double left = x + (group - 2 * bw) / 2;
            out.printf(Locale.ROOT, "<g class=\"bucket\"><title>%s to %s: %d %s, %s of waiting (%s of the row's wait "
                            + "time)</title><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"hover\"/>"
                            + "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" class=\"hcount\"/>"
                            + "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" class=\"htime\"/>",
                    Durations.format(b.lowNanos()), Durations.format(b.highNanos()), b.count(),
                    b.count() == 1 ? "wait" : "waits", Durations.format(b.waitNanos()), Durations.percent(share),
                    x, TOP, group, PLOT_HEIGHT, left, base - hc, bw, hc, left + bw, base - ht, bw, ht);
            if (share >= 0.05) {
                out.printf(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" class=\"share\" text-anchor=\"middle\">%d%%</text>",
                        left + 1.5 * bw, base - ht - 3, Math.round(share * 100));
            }
            out.println("</g>");
            if (i % labelEvery == 0) {
                tick(out, x, base, b.lowNanos());
            }
        }
        if (n % labelEvery == 0) {
            tick(out, LEFT + plotWidth, base, buckets.get(n - 1).highNanos());
        }
        out.printf(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" class=\"axisline\"/>"
                + "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" class=\"axisline\"/>"
                + "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" class=\"axisline\"/>%n",
                LEFT, LEFT + plotWidth, base, base, LEFT, LEFT, TOP, base, LEFT + plotWidth, LEFT + plotWidth, TOP, base);
        out.printf(Locale.ROOT, "<text class=\"axistitle\" transform=\"translate(14 %d) rotate(-90)\" "
                + "text-anchor=\"middle\">waits (log scale)</text>%n", TOP + PLOT_HEIGHT / 2);
        out.printf(Locale.ROOT, "<text class=\"axistitle time\" transform=\"translate(%d %d) rotate(90)\" "
                + "text-anchor=\"middle\">wait time in bucket</text>%n", width - 10, TOP + PLOT_HEIGHT / 2);
        out.printf(Locale.ROOT, "<text class=\"axistitle\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">duration of one wait "
                + "(power-of-2 buckets)</text>%n", LEFT + plotWidth / 2, height - 6);
        out.println("</svg>");
        out.println("<p class=\"legend\"><span class=\"item\"><span class=\"sw hcount\"></span>waits in the bucket (left "
                + "axis, log scale)</span> <span class=\"item\"><span class=\"sw htime\"></span>wait time they add up to"
                + "</span> (right axis; estimated from the histogram, each wait at the middle of its 1% step), with its "
                + "share of the row's wait time when 5% or more</p>");
    }

    private static void tick(PrintWriter out, int x, int base, long nanos) {
        out.printf(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" class=\"axisline\"/>"
                + "<text class=\"tick\" text-anchor=\"end\" transform=\"translate(%d %d) rotate(-40)\">%s</text>%n",
                x, x, base, base + 4, x + 3, base + 14, Durations.format(nanos));
    }

    private static String countLabel(long v) {
        return v >= 1_000_000 ? (v / 1_000_000) + "M" : v >= 1_000 ? (v / 1_000) + "k" : Long.toString(v);
    }

    /** A step of 1, 2 or 5 times a power of ten that divides {@code max} into at most 5 parts. */
    static long niceStep(long max) {
        double raw = max / 5.0;
        double pow = Math.pow(10, Math.floor(Math.log10(Math.max(1, raw))));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * pow >= raw) {
                return Math.max(1, (long) (m * pow));
            }
        }
        return Math.max(1, (long) (10 * pow));
    }
}
