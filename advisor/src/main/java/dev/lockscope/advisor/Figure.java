package dev.lockscope.advisor;

/**
 * A number with where it came from.
 *
 * @param value  the figure (meaningless when {@code source} is MISSING)
 * @param source measured, sampled, estimated or missing
 * @param origin what produced it ("agent hold timer", "eBPF sched_switch"), or why it is missing
 */
public record Figure(double value, Source source, String origin) {

    public static Figure measured(double value, String origin) {
        return new Figure(value, Source.MEASURED, origin);
    }

    public static Figure sampled(double value, String origin) {
        return new Figure(value, Source.SAMPLED, origin);
    }

    public static Figure estimated(double value, String origin) {
        return new Figure(value, Source.ESTIMATED, origin);
    }

    public static Figure upperBound(double value, String origin) {
        return new Figure(value, Source.UPPER_BOUND, origin);
    }

    public static Figure missing(String why) {
        return new Figure(Double.NaN, Source.MISSING, why);
    }

    public boolean known() {
        return source != Source.MISSING;
    }

    /** "(measured: agent hold timer)". */
    public String provenance() {
        return "(" + source.label() + ": " + origin + ")";
    }
}
