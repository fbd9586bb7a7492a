package dev.lockscope.locks;

/**
 * An on-CPU source handed to the locks from outside, for when native-probe is not visible from this class's
 * own loader (the lockscope agent loads these locks from the boot class path for {@code adapt=}, while its
 * native-probe lives in the agent's isolated loader). Same contract as native-probe's {@code OnCpuOracle}:
 * cheap, never blocks, never throws.
 */
public interface OnCpuSource {
    /** {@link #ON_CPU} when thread {@code tid} runs on a CPU by a fresh observation. */
    int ON_CPU = 1;
    /** Off CPU by a fresh observation. */
    int OFF_CPU = 0;
    /** Nothing fresh is known. */
    int UNKNOWN = -1;

    /** ON_CPU, OFF_CPU or UNKNOWN for the kernel thread id {@code tid}. */
    int onCpu(int tid);

    /** The calling thread's kernel tid, or -1. */
    int currentTid();

    /** Where the answers come from, with their kind (measured / sampled). */
    String source();
}
