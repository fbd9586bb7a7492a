package dev.lockscope.analyzer.holders;

import java.util.Arrays;

/**
 * Intervals [start, end) in parallel arrays, each with a fixed number of long values of its own (who, what, which
 * lock): what {@link Pauses} and {@link WaitWindows} are, each naming its columns. Arrays rather than objects keep
 * the holder profile's bound ({@link HolderStore#MAX_ITEMS}) a matter of bytes, not object headers.
 */
class IntervalTable {
    private long[] starts = new long[4];
    private long[] ends = new long[4];
    /** values[column][row]. */
    private final long[][] values;
    private int size;

    IntervalTable(int columns) {
        values = new long[columns][4];
    }

    /** Appends an interval whose values are all zero; returns its row, for {@link #set}. */
    int add(long start, long end) {
        if (size == starts.length) {
            int n = size * 2;
            starts = Arrays.copyOf(starts, n);
            ends = Arrays.copyOf(ends, n);
            for (int c = 0; c < values.length; c++) {
                values[c] = Arrays.copyOf(values[c], n);
            }
        }
        starts[size] = start;
        ends[size] = end;
        return size++;
    }

    void set(int row, int column, long value) {
        values[column][row] = value;
    }

    /** Appends every interval of {@code o}, which has the same columns. */
    void addAll(IntervalTable o) {
        for (int i = 0; i < o.size; i++) {
            copyRow(o, i);
        }
    }

    /**
     * Sorts by start and merges overlapping intervals: afterwards they are disjoint and in order, each keeping the
     * values of the interval that opened it.
     */
    void sortAndMerge() {
        Integer[] idx = new Integer[size];
        for (int i = 0; i < size; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Long.compare(starts[a], starts[b]));
        IntervalTable merged = new IntervalTable(values.length);
        for (Integer i : idx) {
            if (merged.size > 0 && starts[i] <= merged.ends[merged.size - 1]) {
                merged.ends[merged.size - 1] = Math.max(merged.ends[merged.size - 1], ends[i]);
                continue;
            }
            merged.copyRow(this, i);
        }
        starts = merged.starts;
        ends = merged.ends;
        System.arraycopy(merged.values, 0, values, 0, values.length);
        size = merged.size;
    }

    /** The first interval ending after {@code time}; the intervals must be disjoint and in order. */
    int firstEndingAfter(long time) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] <= time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    int size() {
        return size;
    }

    long start(int i) {
        return starts[i];
    }

    long end(int i) {
        return ends[i];
    }

    long value(int row, int column) {
        return values[column][row];
    }

    private void copyRow(IntervalTable from, int i) {
        int row = add(from.starts[i], from.ends[i]);
        for (int c = 0; c < values.length; c++) {
            values[c][row] = from.values[c][i];
        }
    }
}
