package dev.lockscope.analyzer.holders;

import java.util.Arrays;

/** Waits whose owner is known, as windows [start, end) with the waiting thread, the owner and the lock's group. */
final class WaitWindows {
    private long[] starts = new long[4];
    private long[] ends = new long[4];
    private long[] waiters = new long[4];
    private long[] owners = new long[4];
    private int[] groups = new int[4];
    private int size;

    void add(long start, long end, long waiter, long owner, int group) {
        if (size == starts.length) {
            int n = size * 2;
            starts = Arrays.copyOf(starts, n);
            ends = Arrays.copyOf(ends, n);
            waiters = Arrays.copyOf(waiters, n);
            owners = Arrays.copyOf(owners, n);
            groups = Arrays.copyOf(groups, n);
        }
        starts[size] = start;
        ends[size] = end;
        waiters[size] = waiter;
        owners[size] = owner;
        groups[size] = group;
        size++;
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

    long waiter(int i) {
        return waiters[i];
    }

    long owner(int i) {
        return owners[i];
    }

    int group(int i) {
        return groups[i];
    }
}
