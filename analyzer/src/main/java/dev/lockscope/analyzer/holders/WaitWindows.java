package dev.lockscope.analyzer.holders;

/** Waits whose owner is known, as windows [start, end) with the waiting thread, the owner and the lock's group. */
final class WaitWindows extends IntervalTable {
    private static final int WAITER = 0;
    private static final int OWNER = 1;
    private static final int GROUP = 2;

    WaitWindows() {
        super(3);
    }

    void add(long start, long end, long waiter, long owner, int group) {
        int row = add(start, end);
        set(row, WAITER, waiter);
        set(row, OWNER, owner);
        set(row, GROUP, group);
    }

    long waiter(int i) {
        return value(i, WAITER);
    }

    long owner(int i) {
        return value(i, OWNER);
    }

    int group(int i) {
        return (int) value(i, GROUP);
    }
}
