package dev.lockscope.advisor;

/**
 * A tighter typical hold than the agent's hold span, from the waits. The span runs from a contended acquisition to
 * the release that wakes a waiter; on a barging lock with short holds the owner takes and releases the lock many
 * times before a woken waiter is back, so one span covers many holds. A waiter, though, waits at least the rest of
 * the hold it meets, about half of it: twice the median of all contended waits estimates the typical hold from
 * above. Used by the agent's and the analyzer's evidence alike, for java.util.concurrent locks only (monitor waits
 * reach the agent from JDK events above a threshold, so their median bounds nothing).
 */
public final class HoldBounds {
    private HoldBounds() {
    }

    /**
     * The smaller of {@code span} and twice {@code medianWaitNanos} (the median of all {@code waits} contended waits,
     * e.g. the upper bound of its log2 bucket), labelled with where it came from; {@code span} when that is smaller
     * or there are no waits.
     */
    public static Figure tighter(Figure span, long medianWaitNanos, long waits) {
        if (waits <= 0 || medianWaitNanos <= 0 || medianWaitNanos > Long.MAX_VALUE / 2) {
            return span;
        }
        long bound = 2 * medianWaitNanos;
        if (span.known() && span.value() <= bound) {
            return span;
        }
        return Figure.estimated(bound, "twice the median of " + waits + " contended waits (median under "
                + Durations.format(medianWaitNanos) + "): a waiter waits at least the rest of the hold it meets; "
                + (span.known() ? "the hooks' hold span, mean " + Durations.format((long) span.value())
                + ", covers several holds of a barging lock" : "the hooks timed no hold"));
    }
}
