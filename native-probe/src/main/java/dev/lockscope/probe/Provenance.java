package dev.lockscope.probe;

/** Where a figure came from; every value the probe hands out carries one. */
public enum Provenance {
    /** Counted exactly by an eBPF program in the kernel. */
    MEASURED_EBPF("measured, eBPF"),
    /** Counted exactly by a perf counter. */
    MEASURED_PERF("measured, perf"),
    /** Written by the kernel into this thread's rseq area. */
    MEASURED_RSEQ("measured, rseq"),
    /** Read from /proc at one instant; between reads nothing is known. */
    SAMPLED_PROC("sampled, /proc"),
    /** No source: the value is not known. */
    UNKNOWN("unknown");

    private final String label;

    Provenance(String label) { this.label = label; }

    public String label() { return label; }
}
