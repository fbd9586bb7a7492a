package dev.lockscope.probe;

/**
 * The best figures the probe has for one thread, each group labelled with the rung that produced it.
 * Values are -1 where no rung knows them.
 */
public final class ThreadStats {
    private final int tid;
    private final long onCpuNs;
    private final long offCpuNs;
    private final long runQueueWaitNs;
    private final Provenance timesFrom;
    private final long voluntarySwitches;
    private final long involuntarySwitches;
    private final Provenance switchesFrom;
    private final FutexCounts futex;

    ThreadStats(int tid, long onCpuNs, long offCpuNs, long runQueueWaitNs, Provenance timesFrom, long voluntarySwitches,
                long involuntarySwitches, Provenance switchesFrom, FutexCounts futex) {
        this.tid = tid;
        this.onCpuNs = onCpuNs;
        this.offCpuNs = offCpuNs;
        this.runQueueWaitNs = runQueueWaitNs;
        this.timesFrom = timesFrom;
        this.voluntarySwitches = voluntarySwitches;
        this.involuntarySwitches = involuntarySwitches;
        this.switchesFrom = switchesFrom;
        this.futex = futex;
    }

    public int tid() { return tid; }

    public long onCpuNs() { return onCpuNs; }

    /** Off-CPU ns since tracking began (eBPF); -1 from /proc, which has no off-CPU total. */
    public long offCpuNs() { return offCpuNs; }

    /** Run-queue wait ns (/proc schedstat only), -1 otherwise. */
    public long runQueueWaitNs() { return runQueueWaitNs; }

    public Provenance timesFrom() { return timesFrom; }

    public long voluntarySwitches() { return voluntarySwitches; }

    public long involuntarySwitches() { return involuntarySwitches; }

    public Provenance switchesFrom() { return switchesFrom; }

    public FutexCounts futex() { return futex; }

    @Override
    public String toString() {
        return "tid " + tid + ": on-CPU " + onCpuNs + " ns, off-CPU " + offCpuNs + " ns, run-queue wait " + runQueueWaitNs
                + " ns (" + timesFrom.label() + "); switches " + voluntarySwitches + "/" + involuntarySwitches + " ("
                + switchesFrom.label() + "); " + futex;
    }
}
