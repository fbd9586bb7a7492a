package dev.lockscope.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MediansTest {

    @Test
    void oddEvenAndRoundsWithoutAFigure() {
        assertEquals(3.0, Medians.of(new double[] {5, 1, 3}), 0);
        assertEquals(2.5, Medians.of(new double[] {4, 1, 3, 2}), 0);
        // A round that produced no figure neither counts nor lands at the top of the sort.
        assertEquals(2.0, Medians.of(new double[] {Double.NaN, 3, 1, Double.NaN}), 0);
        assertTrue(Double.isNaN(Medians.of(new double[] {Double.NaN})));
        assertTrue(Double.isNaN(Medians.of(new double[0])));
    }

    @Test
    void theInputIsLeftAsItWas() {
        double[] v = {3, 1, 2};
        Medians.of(v);
        assertEquals(3.0, v[0], 0);
    }
}
