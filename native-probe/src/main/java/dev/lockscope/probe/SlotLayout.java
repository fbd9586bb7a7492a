package dev.lockscope.probe;

/**
 * Layout of one thread's 128-byte slot in the mmap'd array map, shared by the eBPF programs that write it and
 * the Java readers. A slot is indexed by {@code tid & mask}; its {@link #TID} field says which thread owns it.
 */
final class SlotLayout {
    static final int BYTES = 128;
    static final int TID = 0;              // u32 owner tid (0 = never used)
    static final int STATE = 4;            // u32 1 = on a CPU, 0 = off
    static final int LAST_SWITCH_NS = 8;   // u64 bpf_ktime_get_ns of the last switch in or out
    static final int LAST_SEEN_NS = 16;    // u64 last heartbeat (sched_stat_runtime) while running
    static final int ON_CPU_NS = 24;       // u64 cumulative on-CPU ns since the slot was claimed
    static final int OFF_CPU_NS = 32;      // u64 cumulative off-CPU ns since the slot was claimed
    static final int SWITCH_INS = 40;      // u64 times switched in
    static final int VOLUNTARY = 48;       // u64 switched out while blocking
    static final int INVOLUNTARY = 56;     // u64 switched out while runnable (preempted)
    static final int FUTEX_WAIT = 64;      // u64 futex(FUTEX_WAIT / WAIT_BITSET) calls seen in windows
    static final int FUTEX_WAKE = 72;      // u64 futex(FUTEX_WAKE / WAKE_BITSET) calls seen in windows
    static final int FUTEX_OTHER = 80;     // u64 other futex ops seen in windows
    static final int REPAIRS = 88;         // u64 missed switch-ins repaired by the heartbeat
    /**
     * u64 cumulative ns runnable but off a CPU after a switch-out with prev_state == TASK_RUNNING (preempted, or a
     * yield): from that switch-out to the next switch-in. Time between a wake-up and the switch-in after a sleep is
     * not in it (that needs sched_wakeup): it stays in OFF_CPU_NS only.
     */
    static final int RUN_QUEUE_NS = 96;
    static final int OUT_RUNNABLE = 104;   // u64 1 while off CPU after a switch-out as runnable, else 0
    /**
     * The header slot sits after the last thread slot (index = slot count, never produced by tid &amp; mask).
     * Its CLOCK field holds the latest bpf_ktime_get_ns any of this JVM's switches or heartbeats saw: a "now"
     * readers get with one load instead of a clock call, at most a tick behind while the reader runs.
     */
    static final int CLOCK_NS = 8;
    /** Fields zeroed when a slot changes owner. */
    static final int FIRST_ZEROED = 8, LAST_ZEROED = 104;

    private SlotLayout() {}
}
