package dev.lockscope.probe;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The few libc entry points the probe needs, bound through JNA. Each call that can fail throws
 * {@link LastErrorException} carrying errno, so callers can report the exact reason a capability is missing.
 */
interface LibC extends Library {
    /** x86_64 system call numbers (the probe's eBPF and rseq paths are x86_64-only; others report missing). */
    long SYS_RT_SIGPROCMASK = 14;
    long SYS_ARCH_PRCTL = 158;
    long SYS_GETTID = 186;
    long SYS_FUTEX = 202;
    long SYS_BPF = 321;
    long SYS_PERF_EVENT_OPEN = 298;
    int ARCH_GET_FS = 0x1003;

    long syscall(long number, Object... args) throws LastErrorException;

    int prctl(int option, long arg2, long arg3, long arg4, long arg5) throws LastErrorException;

    long getauxval(long type);

    Pointer mmap(Pointer addr, long length, int prot, int flags, int fd, long offset) throws LastErrorException;

    int munmap(Pointer addr, long length) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    long read(int fd, Pointer buf, long count) throws LastErrorException;

    int ioctl(int fd, long request, long arg) throws LastErrorException;

    int getpid();

    /** Loads libc, or explains why it cannot be loaded (no JNA native library, not Linux, ...). */
    final class Loader {
        private static final Object LIB;

        static {
            Object lib;
            try {
                if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
                    lib = "not Linux (os.name=" + System.getProperty("os.name") + ")";
                } else if (Boolean.getBoolean("lockscope.probe.noNative")) {
                    lib = "native access disabled by -Dlockscope.probe.noNative=true";
                } else {
                    initialiseSearchPathsQuietly();
                    lib = Native.load("c", LibC.class);
                }
            } catch (Throwable t) {
                lib = "JNA could not load libc: " + t;
            }
            LIB = lib;
        }

        private Loader() {}

        /** JNA reads this (only while its NativeLibrary class initialises) for the system's library directories. */
        static final String PLATFORM_PATH = "jna.platform.library.path";

        /**
         * Initialises JNA's NativeLibrary class with its platform search path set, empty, for that moment only. Unset,
         * its initialiser runs {@code /sbin/ldconfig -p} in a child process to list the system's library
         * directories: the agent would start a process inside the host, which process auditing reports, for
         * directories libc needs none of (dlopen finds it through the same cache). A value the user set is left
         * alone. While it is set, another JNA in the host that initialises at that very moment would skip its own
         * ldconfig too and fall back on dlopen's search, which reads the same cache.
         */
        static void initialiseSearchPathsQuietly() throws ClassNotFoundException {
            boolean unset = System.getProperty(PLATFORM_PATH) == null;
            if (unset) {
                System.setProperty(PLATFORM_PATH, "");
            }
            try {
                Class.forName("com.sun.jna.NativeLibrary", true, Loader.class.getClassLoader());
            } finally {
                if (unset) {
                    System.clearProperty(PLATFORM_PATH);
                }
            }
        }

        /** The bound library, or null when {@link #failure()} says why not. */
        static LibC libc() {
            return LIB instanceof LibC ? (LibC) LIB : null;
        }

        static String failure() {
            return LIB instanceof String ? (String) LIB : null;
        }
    }
}
