package dev.lockscope.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The hold estimate from the median wait, at its edge: it replaces the span only when it is smaller. */
class HoldBoundsTest {
    @Test
    void twiceTheMedianWaitReplacesALongerSpan() {
        Figure span = HoldBounds.medianSpan(500_000, 40);
        Figure h = HoldBounds.tighter(span, 256, 100_000);
        assertThat(h.source()).isEqualTo(Source.ESTIMATED);
        assertThat(h.value()).isEqualTo(512);
        assertThat(h.name()).isEqualTo(HoldBounds.FROM_WAITS);
        assertThat(h.origin()).startsWith("twice the median of 100000 contended waits the agent saw (median at most 256 ns)")
                // The span it undercuts is called what it is: a median, never a mean.
                .contains("the median contended hold span 500 us covers several holds").doesNotContain("mean");
    }

    @Test
    void aSpanNoLongerThanTheBoundIsKept() {
        Figure span = HoldBounds.medianSpan(512, 10);
        assertThat(HoldBounds.tighter(span, 256, 10)).isSameAs(span);
        assertThat(HoldBounds.tighter(HoldBounds.medianSpan(513, 10), 256, 10).value()).isEqualTo(512);
    }

    @Test
    void withoutWaitsNothingChangesAndWithoutASpanTheBoundStandsAlone() {
        Figure missing = Figure.missing("no contended hold");
        assertThat(HoldBounds.tighter(missing, 256, 0)).isSameAs(missing);
        assertThat(HoldBounds.tighter(missing, 0, 10)).isSameAs(missing);
        Figure alone = HoldBounds.tighter(missing, 1000, 10);
        assertThat(alone.value()).isEqualTo(2000);
        assertThat(alone.origin()).endsWith("the hooks timed no hold span");
    }

    @Test
    void eachHoldFigureCarriesTheNameOfWhatItIs() {
        assertThat(HoldBounds.describe(HoldBounds.medianSpan(32_768, 5))).isEqualTo("median contended hold span 32.8 us");
        assertThat(HoldBounds.medianSpan(32_768, 5).source()).isEqualTo(Source.UPPER_BOUND);
        assertThat(HoldBounds.describe(HoldBounds.meanSpan(79_400, 5))).isEqualTo("mean contended hold span 79.4 us");
        assertThat(HoldBounds.describe(HoldBounds.fromWaits(2_048, 5))).isEqualTo("hold estimated from waits 4.10 us");
        assertThat(HoldBounds.fromWaits(0, 5).known()).isFalse();
    }
}
