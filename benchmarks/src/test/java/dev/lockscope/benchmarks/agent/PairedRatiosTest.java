package dev.lockscope.benchmarks.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PairedRatiosTest {

    /** Rounds where A runs at {@code factor} times B, both with the same per-round drift and some noise of their own. */
    private static double[][] rounds(int n, double factor, double noise, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            double drift = 40 + 10 * rnd.nextDouble(); // the machine's mood this round, shared by both
            b[i] = drift * (1 + noise * (rnd.nextDouble() - 0.5));
            a[i] = factor * drift * (1 + noise * (rnd.nextDouble() - 0.5));
        }
        return new double[][] {a, b};
    }

    @Test
    void aTwoPercentLeadIsToldApartOverManyRoundsButNotOverAFew() {
        double[][] many = rounds(24, 1.02, 0.02, 1);
        PairedRatios p = PairedRatios.of(many[0], many[1]);
        assertEquals(24, p.rounds);
        assertEquals(1.02, p.median, 0.01);
        assertTrue(p.low > 1 && p.low <= p.median && p.median <= p.high, p.toString());
        assertTrue(p.clearlyAhead(), p.toString());
        assertTrue(p.ahead >= 18, p.toString());

        double[][] few = rounds(4, 1.02, 0.10, 2);
        PairedRatios q = PairedRatios.of(few[0], few[1]);
        assertFalse(q.clearlyAhead(), q.toString());
        assertTrue(q.toString().contains("not told apart"), q.toString());
    }

    @Test
    void aClearLossIsBehindAndTheSameRoundsGiveTheSameInterval() {
        double[][] r = rounds(16, 0.95, 0.02, 3);
        PairedRatios p = PairedRatios.of(r[0], r[1]);
        assertTrue(p.clearlyBehind(), p.toString());
        assertEquals(p.toString(), PairedRatios.of(r[0], r[1]).toString());
    }

    @Test
    void aLowerCostIsAheadAndAHigherOneBehind() {
        double[][] cheaper = rounds(16, 0.95, 0.02, 4);
        PairedRatios p = PairedRatios.ofCost(cheaper[0], cheaper[1]);
        assertTrue(p.clearlyAhead(), p.toString());
        assertFalse(p.clearlyBehind(), p.toString());
        assertTrue(p.ahead >= 12, p.toString());
        assertTrue(p.toString().endsWith(": ahead"), p.toString());
        PairedRatios q = PairedRatios.ofCost(cheaper[1], cheaper[0]);
        assertTrue(q.clearlyBehind(), q.toString());
        assertTrue(q.ahead <= 4, q.toString());
    }

    @Test
    void twoRoundsGiveNoVerdictHoweverFarApartTheyLook() {
        PairedRatios p = PairedRatios.of(new double[] {0.97, 0.98}, new double[] {1, 1});
        assertTrue(p.high < 1, p.toString());
        assertFalse(p.clearlyBehind(), p.toString());
        assertTrue(p.toString().endsWith("not told apart (fewer than " + PairedRatios.MIN_ROUNDS + " rounds)"), p.toString());
    }

    @Test
    void missingRoundsAreLeftOutNotCountedAsLosses() {
        PairedRatios p = PairedRatios.of(new double[] {2, Double.NaN, 4}, new double[] {1, 1, 2});
        assertEquals(2, p.rounds);
        assertEquals(2.0, p.median, 1e-9);
        assertEquals(2, p.ahead);
        assertEquals(0, PairedRatios.of(new double[] {Double.NaN}, new double[] {1}).rounds);
    }
}
