package dev.lockscope.probe;

/**
 * A thread's futex calls and the time they cover: counting runs in windows, so {@link #coveredNs()} says how
 * much of the thread's life the counts saw ({@link #windows()} windows so far). Values are -1 when unknown.
 */
public final class FutexCounts {
    private final int tid;
    private final long waits;
    private final long wakes;
    private final long other;
    private final long coveredNs;
    private final long windows;
    private final Provenance provenance;
    private final String source;

    FutexCounts(int tid, long waits, long wakes, long other, long coveredNs, long windows, Provenance provenance, String source) {
        this.tid = tid;
        this.waits = waits;
        this.wakes = wakes;
        this.other = other;
        this.coveredNs = coveredNs;
        this.windows = windows;
        this.provenance = provenance;
        this.source = source;
    }

    static FutexCounts unknown(int tid, String why) {
        return new FutexCounts(tid, -1, -1, -1, 0, 0, Provenance.UNKNOWN, why);
    }

    public int tid() { return tid; }

    public long waits() { return waits; }

    public long wakes() { return wakes; }

    public long other() { return other; }

    /** All futex calls counted (waits + wakes + other), or -1 when unknown. */
    public long total() { return waits < 0 ? -1 : waits + wakes + other; }

    public long coveredNs() { return coveredNs; }

    public long windows() { return windows; }

    public Provenance provenance() { return provenance; }

    public String source() { return source; }

    @Override
    public String toString() {
        return "tid " + tid + ": futex " + waits + " wait / " + wakes + " wake / " + other + " other over "
                + coveredNs / 1_000_000 + " ms in " + windows + " window(s) (" + provenance.label() + ", " + source + ")";
    }
}
