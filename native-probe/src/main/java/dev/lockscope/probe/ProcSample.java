package dev.lockscope.probe;

/**
 * One /proc reading of a thread (all values {@link Provenance#SAMPLED_PROC}): on-CPU ns and run-queue wait ns
 * from schedstat, context switches from status, and when it was taken ({@link System#nanoTime()}).
 */
public final class ProcSample {
    private final int tid;
    private final long takenAtNanos;
    private final long onCpuNs;
    private final long runQueueWaitNs;
    private final long voluntarySwitches;
    private final long involuntarySwitches;

    ProcSample(int tid, long takenAtNanos, long onCpuNs, long runQueueWaitNs, long voluntarySwitches, long involuntarySwitches) {
        this.tid = tid;
        this.takenAtNanos = takenAtNanos;
        this.onCpuNs = onCpuNs;
        this.runQueueWaitNs = runQueueWaitNs;
        this.voluntarySwitches = voluntarySwitches;
        this.involuntarySwitches = involuntarySwitches;
    }

    public int tid() { return tid; }

    public long takenAtNanos() { return takenAtNanos; }

    public long onCpuNs() { return onCpuNs; }

    public long runQueueWaitNs() { return runQueueWaitNs; }

    public long voluntarySwitches() { return voluntarySwitches; }

    public long involuntarySwitches() { return involuntarySwitches; }

    public Provenance provenance() { return Provenance.SAMPLED_PROC; }

    @Override
    public String toString() {
        return "tid " + tid + ": on-CPU " + onCpuNs + " ns, run-queue wait " + runQueueWaitNs + " ns, switches "
                + voluntarySwitches + " voluntary / " + involuntarySwitches + " involuntary (" + provenance().label() + ")";
    }
}
