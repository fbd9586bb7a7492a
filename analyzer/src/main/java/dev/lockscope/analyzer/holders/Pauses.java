package dev.lockscope.analyzer.holders;

/**
 * The times every Java thread of one JVM stood still: GC pauses and safepoints, possibly overlapping as recorded (a GC
 * pause runs inside its safepoint's VM operation). {@link #seal} merges them into disjoint segments, each named by the
 * interval that opened it.
 */
final class Pauses extends IntervalTable {
    private static final int NAME = 0;
    private static final int TYPE = 1;

    Pauses() {
        super(2);
    }

    void add(long start, long end, int name, byte type) {
        int row = add(start, end);
        set(row, NAME, name);
        set(row, TYPE, type);
    }

    /** Sorts by start and merges overlapping intervals: afterwards segments are disjoint and in order. */
    void seal() {
        sortAndMerge();
    }

    int name(int i) {
        return (int) value(i, NAME);
    }

    byte type(int i) {
        return (byte) value(i, TYPE);
    }
}
