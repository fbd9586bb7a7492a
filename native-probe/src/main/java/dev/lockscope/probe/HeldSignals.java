package dev.lockscope.probe;

import com.sun.jna.Memory;

/**
 * Signals blocked for the calling thread until {@link #close}, which puts its mask back as it was. A signal that
 * arrives meanwhile stays pending and is delivered at close, so the profiler that sent it loses no sample, it only
 * lands a moment later. Best effort: where the mask cannot be changed nothing is held and nothing fails.
 */
final class HeldSignals implements AutoCloseable {
    static final int SIGALRM = 14, SIGVTALRM = 26, SIGPROF = 27;
    /** The timer signals CPU profilers send (async-profiler's cpu and itimer modes, gprof-style itimers). */
    static final long PROFILER_TIMERS = bit(SIGALRM) | bit(SIGVTALRM) | bit(SIGPROF);
    private static final int SIG_BLOCK = 0, SIG_SETMASK = 2;
    /** The kernel's sigset_t: 64 signals, one bit each. */
    private static final int SIGSET_BYTES = 8;

    private final LibC libc;
    private final Memory before;

    private HeldSignals(LibC libc, Memory before) {
        this.libc = libc;
        this.before = before;
    }

    static long bit(int signal) {
        return 1L << (signal - 1);
    }

    /** Blocks {@code signals} (a mask of {@link #bit}s) for this thread; never throws. */
    static HeldSignals hold(LibC libc, long signals) {
        Memory set = new Memory(SIGSET_BYTES);
        Memory before = new Memory(SIGSET_BYTES);
        try {
            set.setLong(0, signals);
            libc.syscall(LibC.SYS_RT_SIGPROCMASK, SIG_BLOCK, set, before, SIGSET_BYTES);
            return new HeldSignals(libc, before);
        } catch (Throwable t) {
            before.close();
            return new HeldSignals(libc, null);
        } finally {
            set.close();
        }
    }

    /** Whether the mask was changed (and will be put back). */
    boolean held() {
        return before != null;
    }

    /** The signals blocked for this thread now, read from the kernel (for tests). */
    static long blockedNow(LibC libc) {
        try (Memory now = new Memory(SIGSET_BYTES)) {
            libc.syscall(LibC.SYS_RT_SIGPROCMASK, SIG_BLOCK, null, now, SIGSET_BYTES);
            return now.getLong(0);
        }
    }

    @Override
    public void close() {
        if (before == null) {
            return;
        }
        try {
            libc.syscall(LibC.SYS_RT_SIGPROCMASK, SIG_SETMASK, before, null, SIGSET_BYTES);
        } catch (Throwable ignored) {
            // the mask stays as it was set; nothing more can be done
        } finally {
            before.close();
        }
    }
}
