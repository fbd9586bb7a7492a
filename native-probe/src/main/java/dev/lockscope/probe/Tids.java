package dev.lockscope.probe;

/** The calling thread's kernel thread id, from one {@code gettid} system call per thread, then cached. */
final class Tids {
    private static final ThreadLocal<int[]> CACHED = ThreadLocal.withInitial(() -> new int[] {fetch()});

    private Tids() {}

    /** The kernel tid of the calling thread, or -1 where it cannot be had (no libc, not x86_64 Linux). */
    static int current() {
        return CACHED.get()[0];
    }

    /** The kernel tid of the OS thread running the caller now, one system call each time: a virtual thread's changes. */
    static int uncached() {
        return fetch();
    }

    private static int fetch() {
        try {
            LibC libc = LibC.Loader.libc(); // may throw NoClassDefFoundError when JNA is absent: caught below
            return libc == null || !Platform.isX86_64() ? -1 : (int) libc.syscall(LibC.SYS_GETTID);
        } catch (Throwable t) {
            return -1;
        }
    }
}
