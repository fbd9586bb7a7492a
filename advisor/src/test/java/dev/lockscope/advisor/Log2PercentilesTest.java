package dev.lockscope.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Log2-bucket percentiles are upper bounds, monotone, and never above the longest duration seen. */
class Log2PercentilesTest {
    private static long[] counts(int... bucketAndCount) {
        long[] c = new long[40];
        for (int i = 0; i < bucketAndCount.length; i += 2) {
            c[bucketAndCount[i]] += bucketAndCount[i + 1];
        }
        return c;
    }

    @Test
    void aSingleWaitsPercentilesAreThatWait() {
        long wait = 10_000_000_000L; // 10.0 s, in the bucket [8.59 s, 17.2 s)
        long[] c = counts(63 - Long.numberOfLeadingZeros(wait), 1);
        for (double p : new double[] {50, 90, 99, 100}) {
            assertThat(Log2Percentiles.upperBound(c, p, wait)).as("p%s", p).isEqualTo(wait);
        }
    }

    @Test
    void percentilesAreMonotoneAndNeverAboveTheMax() {
        // Most waits in [2.1 ms, 4.2 ms), a tenth in [8.4 ms, 16.8 ms), the longest 14.2 ms.
        long[] c = counts(21, 80, 22, 10, 23, 10);
        long max = 14_200_000;
        long p50 = Log2Percentiles.upperBound(c, 50, max);
        long p90 = Log2Percentiles.upperBound(c, 90, max);
        long p99 = Log2Percentiles.upperBound(c, 99, max);
        assertThat(p50).isEqualTo(1L << 22);
        assertThat(p90).isEqualTo(1L << 23);
        assertThat(p99).isEqualTo(max);
        assertThat(p50).isLessThanOrEqualTo(p90);
        assertThat(p90).isLessThanOrEqualTo(p99);
        // Without a known max the bucket's end stands.
        assertThat(Log2Percentiles.upperBound(c, 99, 0)).isEqualTo(1L << 24);
    }

    @Test
    void noCountsGiveZero() {
        assertThat(Log2Percentiles.upperBound(new long[40], 50, 100)).isZero();
        assertThat(Log2Percentiles.bucketOf(new long[40], 50)).isEqualTo(-1);
    }
}
