package dev.lockscope.probe;

/**
 * One thread's figures from the eBPF rung ({@link Provenance#MEASURED_EBPF}), counted since its slot was
 * claimed; on/off-CPU ns include the interval still open at the time of reading. Futex counts only cover the
 * counting windows (see {@link FutexCounting}).
 */
public final class ThreadCounters {
    private final int tid;
    private final boolean onCpu;
    private final long lastSwitchNs;
    private final long onCpuNs;
    private final long offCpuNs;
    private final long runQueueNs;
    private final long voluntarySwitches;
    private final long involuntarySwitches;
    private final long futexWaits;
    private final long futexWakes;
    private final long futexOther;
    private final long repairs;

    ThreadCounters(int tid, boolean onCpu, long lastSwitchNs, long onCpuNs, long offCpuNs, long runQueueNs,
                   long voluntarySwitches, long involuntarySwitches, long futexWaits, long futexWakes, long futexOther,
                   long repairs) {
        this.tid = tid;
        this.onCpu = onCpu;
        this.lastSwitchNs = lastSwitchNs;
        this.onCpuNs = onCpuNs;
        this.offCpuNs = offCpuNs;
        this.runQueueNs = runQueueNs;
        this.voluntarySwitches = voluntarySwitches;
        this.involuntarySwitches = involuntarySwitches;
        this.futexWaits = futexWaits;
        this.futexWakes = futexWakes;
        this.futexOther = futexOther;
        this.repairs = repairs;
    }

    public int tid() { return tid; }

    /** State at the last switch seen (see {@link OnCpuOracle} for a freshness-checked answer). */
    public boolean onCpuAtLastSwitch() { return onCpu; }

    /** CLOCK_MONOTONIC ns (same clock as {@link System#nanoTime()}) of the last switch seen. */
    public long lastSwitchNs() { return lastSwitchNs; }

    public long onCpuNs() { return onCpuNs; }

    public long offCpuNs() { return offCpuNs; }

    /**
     * Of {@link #offCpuNs()}, the time runnable but not running after a switch-out as runnable (preempted, or a
     * yield), until the next switch-in; the time between a wake-up and the switch-in after a sleep is not in it.
     */
    public long runQueueNs() { return runQueueNs; }

    public long voluntarySwitches() { return voluntarySwitches; }

    public long involuntarySwitches() { return involuntarySwitches; }

    /** futex WAIT / WAIT_BITSET calls seen inside counting windows. */
    public long futexWaits() { return futexWaits; }

    /** futex WAKE / WAKE_BITSET calls seen inside counting windows. */
    public long futexWakes() { return futexWakes; }

    public long futexOther() { return futexOther; }

    /** Switch-ins the VM dropped that the heartbeat repaired. */
    public long repairs() { return repairs; }

    public Provenance provenance() { return Provenance.MEASURED_EBPF; }

    @Override
    public String toString() {
        return "tid " + tid + ": on-CPU " + onCpuNs + " ns, off-CPU " + offCpuNs + " ns (preempted " + runQueueNs
                + " ns), switches " + voluntarySwitches
                + " voluntary / " + involuntarySwitches + " involuntary, futex " + futexWaits + " wait / " + futexWakes
                + " wake / " + futexOther + " other (" + provenance().label() + ")";
    }
}
