package dev.lockscope.advisor;

/**
 * A number with where it came from.
 *
 * @param value  the figure (meaningless when {@code source} is MISSING)
 * @param source measured, sampled, estimated or missing
 * @param origin what produced it ("agent hook timer", "eBPF sched_switch"), or why it is missing
 * @param name   what the figure is, where one quantity has several figures (the hold: {@link HoldBounds}), so every
 *               place that shows it calls it the same; null when the place it is shown names it
 */
public record Figure(double value, Source source, String origin, String name) {

    public Figure(double value, Source source, String origin) {
        this(value, source, origin, null);
    }

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

    /** The same figure under the name that says what it is. */
    public Figure named(String what) {
        return new Figure(value, source, origin, what);
    }

    /** Its name, or {@code fallback} for an unnamed figure. */
    public String nameOr(String fallback) {
        return name == null ? fallback : name;
    }

    public boolean known() {
        return source != Source.MISSING;
    }

    /** "(measured: agent hold timer)". */
    public String provenance() {
        return "(" + source.label() + ": " + origin + ")";
    }
}
