package dev.lockscope.analyzer.holders;

import java.util.Arrays;

/**
 * One thread's recorded doings: intervals (its blocking calls and its own waits, each with the event type, the frame
 * that made it and, for a wait, the lock's group) and samples (instants where a sampler found it). Filled in any order
 * while the recording is read, then {@link #seal sealed}: sorted by time, for lookups by a wait's window.
 */
final class ThreadTimeline {
    private long[] starts = new long[4];
    private long[] ends = new long[4];
    private int[] frames = new int[4];
    private int[] groups = new int[4];
    private byte[] types = new byte[4];
    private byte[] states = new byte[4];
    private int size;
    /** After sealing: the latest end among intervals 0..i, so a lookup knows how far back an overlap can start. */
    private long[] maxEnd;

    private long[] sampleTimes = new long[4];
    private int[] sampleFrames = new int[4];
    private byte[] sampleStates = new byte[4];
    private short[] sampleFiles = new short[4];
    private int samples;

    void addInterval(long start, long end, byte type, OwnerState state, int frame, int group) {
        if (size == starts.length) {
            int n = size * 2;
            starts = Arrays.copyOf(starts, n);
            ends = Arrays.copyOf(ends, n);
            frames = Arrays.copyOf(frames, n);
            groups = Arrays.copyOf(groups, n);
            types = Arrays.copyOf(types, n);
            states = Arrays.copyOf(states, n);
        }
        starts[size] = start;
        ends[size] = end;
        frames[size] = frame;
        groups[size] = group;
        types[size] = type;
        states[size] = (byte) state.ordinal();
        size++;
    }

    void addSample(long time, OwnerState state, int frame, int file) {
        if (samples == sampleTimes.length) {
            int n = samples * 2;
            sampleTimes = Arrays.copyOf(sampleTimes, n);
            sampleFrames = Arrays.copyOf(sampleFrames, n);
            sampleStates = Arrays.copyOf(sampleStates, n);
            sampleFiles = Arrays.copyOf(sampleFiles, n);
        }
        sampleTimes[samples] = time;
        sampleFrames[samples] = frame;
        sampleStates[samples] = (byte) state.ordinal();
        sampleFiles[samples] = (short) file;
        samples++;
    }

    /** Adds another file's record of the same thread (rotated recordings of one JVM). */
    void addAll(ThreadTimeline o) {
        for (int i = 0; i < o.size; i++) {
            addInterval(o.starts[i], o.ends[i], o.types[i], o.state(i), o.frames[i], o.groups[i]);
        }
        for (int i = 0; i < o.samples; i++) {
            addSample(o.sampleTimes[i], OwnerState.values()[o.sampleStates[i]], o.sampleFrames[i], o.sampleFiles[i]);
        }
    }

    /** Sorts both kinds by time. Events of one thread mostly arrive in order, which the sort finds quickly. */
    void seal() {
        Integer[] order = order(starts, size);
        if (order != null) {
            starts = permute(starts, order);
            ends = permute(ends, order);
            frames = permute(frames, order);
            groups = permute(groups, order);
            types = permute(types, order);
            states = permute(states, order);
        }
        maxEnd = new long[size];
        long m = Long.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            m = Math.max(m, ends[i]);
            maxEnd[i] = m;
        }
        Integer[] sampleOrder = order(sampleTimes, samples);
        if (sampleOrder != null) {
            sampleTimes = permute(sampleTimes, sampleOrder);
            sampleFrames = permute(sampleFrames, sampleOrder);
            sampleStates = permute(sampleStates, sampleOrder);
            sampleFiles = permute(sampleFiles, sampleOrder);
        }
    }

    /** The first interval that may overlap [from, to): intervals before it all end by {@code from}. */
    int firstIntervalOverlapping(long from, long to) {
        int i = upperBound(starts, size, to) - 1; // last interval starting before 'to'
        while (i >= 0 && maxEnd[i] > from) {
            i--;
        }
        return i + 1;
    }

    /** The first sample at or after {@code time}. */
    int firstSampleFrom(long time) {
        int lo = 0;
        int hi = samples;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sampleTimes[mid] < time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    int intervals() {
        return size;
    }

    long start(int i) {
        return starts[i];
    }

    long end(int i) {
        return ends[i];
    }

    int frame(int i) {
        return frames[i];
    }

    int group(int i) {
        return groups[i];
    }

    byte type(int i) {
        return types[i];
    }

    OwnerState state(int i) {
        return OwnerState.values()[states[i]];
    }

    int samples() {
        return samples;
    }

    long sampleTime(int i) {
        return sampleTimes[i];
    }

    int sampleFrame(int i) {
        return sampleFrames[i];
    }

    OwnerState sampleState(int i) {
        return OwnerState.values()[sampleStates[i]];
    }

    int sampleFile(int i) {
        return sampleFiles[i];
    }

    private static int upperBound(long[] a, int n, long key) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The sorting permutation of {@code keys[0..n)}, or null when they are already in order. */
    private static Integer[] order(long[] keys, int n) {
        boolean sorted = true;
        for (int i = 1; i < n && sorted; i++) {
            sorted = keys[i - 1] <= keys[i];
        }
        if (sorted) {
            return null;
        }
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Long.compare(keys[a], keys[b]));
        return idx;
    }

    private static long[] permute(long[] a, Integer[] order) {
        long[] out = new long[order.length];
        for (int i = 0; i < order.length; i++) {
            out[i] = a[order[i]];
        }
        return out;
    }

    private static int[] permute(int[] a, Integer[] order) {
        int[] out = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            out[i] = a[order[i]];
        }
        return out;
    }

    private static byte[] permute(byte[] a, Integer[] order) {
        byte[] out = new byte[order.length];
        for (int i = 0; i < order.length; i++) {
            out[i] = a[order[i]];
        }
        return out;
    }

    private static short[] permute(short[] a, Integer[] order) {
        short[] out = new short[order.length];
        for (int i = 0; i < order.length; i++) {
            out[i] = a[order[i]];
        }
        return out;
    }
}
