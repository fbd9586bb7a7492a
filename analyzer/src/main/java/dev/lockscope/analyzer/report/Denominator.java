package dev.lockscope.analyzer.report;

import dev.lockscope.advisor.Source;

/**
 * What a section's shares are fractions of, and where that came from.
 *
 * @param nanos  the denominator (at least 1)
 * @param source how it was obtained, as the report shows it
 * @param kind   sampled where a JFR sampler gave it, estimated where it fell back to an assumption
 */
record Denominator(long nanos, String source, Source kind) {
    Denominator {
        nanos = Math.max(1, nanos);
    }

    double share(long waitNanos) {
        return (double) waitNanos / nanos;
    }
}
