package dev.lockscope.analyzer.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.analyzer.report.Report.Bucket;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class WaitHistogramSvgTest {
    private static final Pattern BAR = Pattern.compile("height=\"([0-9.]+)\" class=\"(hcount|htime)\"");

    @Test
    void aBucketOfFewLongWaitsStandsOutByItsWaitTime() {
        // 1,000 waits of about 1.5 us (1.5 ms in all) and 2 waits of about 400 ms (800 ms in all).
        List<Bucket> buckets = List.of(new Bucket(1024, 2048, 1000, 1_500_000), new Bucket(2048, 268_435_456L, 0, 0),
                new Bucket(268_435_456L, 536_870_912L, 2, 800_000_000));
        String svg = render(buckets, 801_500_000);
        double[][] h = heights(svg);
        // Counts on a log scale: the single bucket of 1,000 waits is the taller count bar, but 2 waits still show.
        assertThat(h[0][0]).isGreaterThan(h[2][0]);
        assertThat(h[2][0]).isPositive();
        // Wait time on a linear scale: the long waits hold nearly all of it.
        assertThat(h[2][1]).isGreaterThan(100 * h[0][1]);
        assertThat(svg).contains(">waits (log scale)<").contains(">wait time in bucket<")
                .contains(">duration of one wait (power-of-2 buckets)<")
                .contains(">1<").contains(">10<").contains(">100<").contains(">1k<")
                .contains(">1.02 us<").contains(">268 ms<").contains(">537 ms<")
                .contains("2 waits, 800 ms of waiting (99.8% of the row's wait time)")
                .contains(">100%<").doesNotContain(">0%<");
    }

    private static String render(List<Bucket> buckets, long total) {
        StringWriter w = new StringWriter();
        WaitHistogramSvg.render(buckets, total, new PrintWriter(w, true));
        return w.toString();
    }

    /** Per bucket: [count bar height, wait-time bar height]. */
    private static double[][] heights(String svg) {
        Matcher m = BAR.matcher(svg);
        double[][] h = new double[3][2];
        int i = 0;
        while (m.find()) {
            h[i / 2][m.group(2).equals("hcount") ? 0 : 1] = Double.parseDouble(m.group(1));
            i++;
        }
        assertThat(i).isEqualTo(6);
        return h;
    }
}
