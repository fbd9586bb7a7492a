package dev.lockscope.agent.hooks;

/**
 * What the hooks read from the native probe during a wait. Implementations must be plain memory reads (no
 * system call, no lock, no allocation) except {@link #currentTid()}, which may make one system call per thread, and {@link #kernelTidNow()}.
 */
public interface ProbeReads {
    /** The calling thread's kernel tid, or -1. */
    int currentTid();

    /**
     * The kernel tid of the OS thread running the caller now, one system call each time (never cached: a virtual
     * thread's carrier changes), or -1.
     */
    default int kernelTidNow() {
        return -1;
    }

    /** Cumulative on-CPU ns of {@code tid} up to {@code nowNs} (System.nanoTime), or -1 when unknown. */
    long onCpuNanos(int tid, long nowNs);

    /**
     * Cumulative ns {@code tid} was runnable but off a CPU after being switched out as runnable (preempted, or a
     * yield), up to {@code nowNs}, or -1 when unknown.
     */
    default long runQueueNanos(int tid, long nowNs) {
        return -1;
    }

    /** Futex calls of {@code tid} counted in windows so far, or -1 when unknown. */
    long futexCalls(int tid);

    /** Odd while a futex-counting window is open; changes whenever one opens or closes. */
    int futexEpoch();
}
