package dev.lockscope.advisor;

/** Where a figure came from. Every figure lockscope shows carries one. */
public enum Source {
    /** Counted exactly: eBPF, perf counters, rseq, the agent's own hooks, JFR events above their threshold. */
    MEASURED("measured"),
    /** Read periodically (e.g. /proc, jdk.JavaThreadStatistics): right on average, not per event. */
    SAMPLED("sampled"),
    /** Derived from other figures by a stated assumption. */
    ESTIMATED("estimated"),
    /** Measured, but what was measured can only be larger than the figure's meaning (e.g. spans several holds). */
    UPPER_BOUND("upper bound"),
    /** Not available; the figure's origin says why. */
    MISSING("missing");

    private final String label;

    Source(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
