package dev.lockscope.probe;

import java.util.Objects;

/**
 * One line of the probe's capability report: what it is, whether it works here, where its figures come from,
 * and, when it does not work, why (with errno and what was tried). Immutable.
 */
public final class Capability {
    private final String name;
    private final boolean available;
    private final Provenance provenance;
    private final String source;
    private final String detail;

    private Capability(String name, boolean available, Provenance provenance, String source, String detail) {
        this.name = Objects.requireNonNull(name);
        this.available = available;
        this.provenance = Objects.requireNonNull(provenance);
        this.source = Objects.requireNonNull(source);
        this.detail = Objects.requireNonNull(detail);
    }

    /** A working capability: {@code source} says which mechanism, {@code detail} any facts worth showing. */
    public static Capability available(String name, Provenance provenance, String source, String detail) {
        return new Capability(name, true, provenance, source, detail);
    }

    /** A missing capability: {@code reason} says what was tried and how it failed. */
    public static Capability missing(String name, String reason) {
        return new Capability(name, false, Provenance.UNKNOWN, "none", reason);
    }

    public String name() { return name; }

    public boolean available() { return available; }

    public Provenance provenance() { return provenance; }

    /** The mechanism, e.g. "eBPF raw tracepoint sched_switch"; "none" when missing. */
    public String source() { return source; }

    /** Facts when available (e.g. "feature size 32"), the reason when missing. */
    public String detail() { return detail; }

    /** The reason it is missing, or empty when available. */
    public String reason() { return available ? "" : detail; }

    @Override
    public String toString() {
        return name + ": " + (available ? "yes, " + source + " (" + provenance.label() + ")" : "no") + " - " + detail;
    }
}
