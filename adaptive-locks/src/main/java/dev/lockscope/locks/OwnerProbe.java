package dev.lockscope.locks;

/**
 * Our own view of an on-CPU source. It mirrors native-probe's {@code OnCpuOracle} so that this package's
 * classes never mention a native-probe type: the lock must load and work when native-probe is absent.
 */
interface OwnerProbe {
    int ON_CPU = 1;
    int OFF_CPU = 0;
    int UNKNOWN = -1;

    /** ON_CPU, OFF_CPU or UNKNOWN for kernel thread id {@code tid}; cheap, never blocks or throws. */
    int onCpu(int tid);

    /** The calling thread's kernel tid, or -1. */
    int currentTid();

    /** Where the answers come from, with its kind (measured / sampled). */
    String source();
}
