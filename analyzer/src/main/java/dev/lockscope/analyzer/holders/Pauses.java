package dev.lockscope.analyzer.holders;

import java.util.Arrays;

/**
 * The times every Java thread of one JVM stood still: GC pauses and safepoints, possibly overlapping as recorded (a GC
 * pause runs inside its safepoint's VM operation). {@link #seal} merges them into disjoint segments, each named by the
 * interval that opened it.
 */
final class Pauses {
    private long[] starts = new long[4];
    private long[] ends = new long[4];
    private int[] names = new int[4];
    private byte[] types = new byte[4];
    private int size;

    void add(long start, long end, int name, byte type) {
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
            names = Arrays.copyOf(names, size * 2);
            types = Arrays.copyOf(types, size * 2);
        }
        starts[size] = start;
        ends[size] = end;
        names[size] = name;
        types[size] = type;
        size++;
    }

    void addAll(Pauses o) {
        for (int i = 0; i < o.size; i++) {
            add(o.starts[i], o.ends[i], o.names[i], o.types[i]);
        }
    }

    /** Sorts by start and merges overlapping intervals: afterwards segments are disjoint and in order. */
    void seal() {
        Integer[] idx = new Integer[size];
        for (int i = 0; i < size; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Long.compare(starts[a], starts[b]));
        long[] s = new long[size];
        long[] e = new long[size];
        int[] n = new int[size];
        byte[] t = new byte[size];
        int out = 0;
        for (Integer i : idx) {
            if (out > 0 && starts[i] <= e[out - 1]) {
                e[out - 1] = Math.max(e[out - 1], ends[i]);
                continue;
            }
            s[out] = starts[i];
            e[out] = ends[i];
            n[out] = names[i];
            t[out] = types[i];
            out++;
        }
        starts = s;
        ends = e;
        names = n;
        types = t;
        size = out;
    }

    /** The first segment ending after {@code time}. */
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

    int name(int i) {
        return names[i];
    }

    byte type(int i) {
        return types[i];
    }
}
