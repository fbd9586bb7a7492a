package dev.lockscope.probe;

/**
 * On-CPU answers from the eBPF map: two or three opaque loads, no system call. "On" is only believed while the
 * last switch-in or heartbeat is younger than the freshness bound, because the VM occasionally drops a
 * context switch; older than that the answer is UNKNOWN.
 */
final class EbpfOnCpuOracle implements OnCpuOracle {
    private final EbpfTracker tracker;
    private final long freshNs;
    private final String source;

    EbpfOnCpuOracle(EbpfTracker tracker, long freshNs) {
        this.tracker = tracker;
        this.freshNs = freshNs;
        this.source = "eBPF sched_switch (measured), fresh within " + freshNs / 1_000_000 + " ms"
                + (tracker.hasHeartbeat() ? ", heartbeat on" : ", no heartbeat");
    }

    @Override
    public int onCpu(int tid) {
        return tracker.onCpu(tid, freshNs);
    }

    @Override
    public int currentTid() {
        return Tids.current();
    }

    @Override
    public boolean available() {
        return !tracker.closed();
    }

    @Override
    public String source() {
        return tracker.closed() ? "eBPF tracker closed" : source;
    }
}
