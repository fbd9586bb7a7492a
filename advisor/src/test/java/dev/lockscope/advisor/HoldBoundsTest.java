package dev.lockscope.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The hold estimate from the median wait, at its edge: it replaces the span only when it is smaller. */
class HoldBoundsTest {
    @Test
    void twiceTheMedianWaitReplacesALongerSpan() {
        Figure span = Figure.upperBound(500_000, "agent hooks");
        Figure h = HoldBounds.tighter(span, 255, 100_000);
        assertThat(h.source()).isEqualTo(Source.ESTIMATED);
        assertThat(h.value()).isEqualTo(510);
        assertThat(h.origin()).startsWith("twice the median of 100000 contended waits (median under 255 ns)")
                .contains("mean 500 us, covers several holds");
    }

    @Test
    void aSpanNoLongerThanTheBoundIsKept() {
        Figure span = Figure.upperBound(510, "agent hooks");
        assertThat(HoldBounds.tighter(span, 255, 10)).isSameAs(span);
        assertThat(HoldBounds.tighter(Figure.upperBound(511, "agent hooks"), 255, 10).value()).isEqualTo(510);
    }

    @Test
    void withoutWaitsNothingChangesAndWithoutASpanTheBoundStandsAlone() {
        Figure missing = Figure.missing("no contended hold");
        assertThat(HoldBounds.tighter(missing, 255, 0)).isSameAs(missing);
        assertThat(HoldBounds.tighter(missing, 0, 10)).isSameAs(missing);
        Figure alone = HoldBounds.tighter(missing, 1000, 10);
        assertThat(alone.value()).isEqualTo(2000);
        assertThat(alone.origin()).endsWith("the hooks timed no hold");
    }
}
