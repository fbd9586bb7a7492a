package dev.lockscope.advisor;

/**
 * The figures lockscope gives for how long a lock is held, each under one name that says what it is, the same in the
 * reports' text, JSON and HTML, the advice and the agent's events:
 * <ul>
 * <li>{@link #MEDIAN_SPAN}: the agent times a span from a contended acquisition to the release that wakes a waiter.
 * Fast-path releases are not hooked, so a span may cover several holds: it bounds the hold it starts with from above,
 * and the spans' median (the end of its log2 bucket, at most the longest span) bounds the holds' median.</li>
 * <li>{@link #MEAN_SPAN}: the spans' mean, for agents that wrote no span histogram. A few spans over many holds
 * inflate it, so it is the loosest bound.</li>
 * <li>{@link #FROM_WAITS}: twice the median of every contended wait. On a barging lock with short holds the owner
 * takes and releases the lock many times before a woken waiter is back, so one span covers many holds; a waiter,
 * though, waits at least the rest of the hold it meets, about half of it. java.util.concurrent locks only: monitor
 * waits reach the agent from JDK events above a threshold, so their median bounds nothing.</li>
 * </ul>
 */
public final class HoldBounds {
    public static final String MEDIAN_SPAN = "median contended hold span";
    public static final String MEAN_SPAN = "mean contended hold span";
    public static final String FROM_WAITS = "hold estimated from waits";
    /** What every span figure is, said once for all of them. */
    public static final String SPAN_MEANING = "a span runs from a contended acquisition to the release that wakes a "
            + "waiter, so it may cover several holds";

    private HoldBounds() {
    }

    /** The median of {@code spans} timed spans, {@code nanos} (end of its log2 bucket, at most the longest span). */
    public static Figure medianSpan(long nanos, long spans) {
        return Figure.upperBound(nanos, "agent hooks, " + spans + " sampled spans, end of the median's log2 bucket; "
                + SPAN_MEANING + " and bounds the hold it starts with").named(MEDIAN_SPAN);
    }

    /** The mean of {@code spans} timed spans, from agents without span histograms. */
    public static Figure meanSpan(long nanos, long spans) {
        return Figure.upperBound(nanos, "agent hooks, " + spans + " sampled spans; " + SPAN_MEANING).named(MEAN_SPAN);
    }

    /**
     * Twice {@code medianWaitNanos}, the median of all {@code waits} contended waits (an upper bound from its log2
     * bucket, {@link Log2Percentiles}); missing when there are none.
     */
    public static Figure fromWaits(long medianWaitNanos, long waits) {
        if (waits <= 0 || medianWaitNanos <= 0 || medianWaitNanos > Long.MAX_VALUE / 2) {
            return Figure.missing("no contended wait to estimate it from").named(FROM_WAITS);
        }
        return Figure.estimated(2 * medianWaitNanos, "twice the median of " + waits + " contended waits the agent "
                + "saw (median at most " + Durations.format(medianWaitNanos) + "): a waiter waits at least the rest of "
                + "the hold it meets").named(FROM_WAITS);
    }

    /**
     * The tighter of {@code span} (a span figure, or missing) and {@link #fromWaits}: the estimate from the waits
     * when it is smaller or there is no span, saying what it undercuts; else {@code span} itself.
     */
    public static Figure tighter(Figure span, long medianWaitNanos, long waits) {
        Figure fromWaits = fromWaits(medianWaitNanos, waits);
        if (!fromWaits.known() || (span.known() && span.value() <= fromWaits.value())) {
            return span;
        }
        return new Figure(fromWaits.value(), fromWaits.source(), fromWaits.origin() + "; "
                + (span.known() ? "the " + describe(span) + " covers several holds of a barging lock"
                : "the hooks timed no hold span"), FROM_WAITS);
    }

    /** "median contended hold span 32.8 us": a hold figure as every report and advice writes it. */
    public static String describe(Figure hold) {
        return describe(hold.nameOr("typical hold"), (long) hold.value());
    }

    /** A hold figure called {@code name} (one of this class's names) of {@code nanos}. */
    public static String describe(String name, long nanos) {
        return name + " " + Durations.format(nanos);
    }
}
