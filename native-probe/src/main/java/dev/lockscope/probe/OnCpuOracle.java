package dev.lockscope.probe;

/**
 * The one question a waiting thread asks before it spins: is the lock's owner running on a CPU right now?
 * This is the contract adaptive-locks codes against; native-probe provides the implementations.
 * Reads must be cheap (a few ns, no system call) and must never block or throw.
 */
public interface OnCpuOracle {
    /** The answer when the thread is running on a CPU according to a fresh observation. */
    int ON_CPU = 1;
    /** The answer when the thread is off CPU (sleeping, parked, or preempted) according to a fresh observation. */
    int OFF_CPU = 0;
    /** The answer when nothing fresh is known about the thread (untracked, stale, or no source). */
    int UNKNOWN = -1;

    /** {@link #ON_CPU}, {@link #OFF_CPU} or {@link #UNKNOWN} for the kernel thread id {@code tid}. */
    int onCpu(int tid);

    /** The calling thread's kernel thread id (taken once per thread and cached), or -1 where unknown. */
    int currentTid();

    /** True when {@link #onCpu} can ever answer something other than {@link #UNKNOWN}. */
    boolean available();

    /** Where the answers come from, e.g. "eBPF sched_switch (measured)", or why there are none. */
    String source();
}
