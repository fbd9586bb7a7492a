package dev.lockscope.probe;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;

/**
 * Raw {@code bpf(2)} commands through JNA, laying out {@code union bpf_attr} by hand (include/uapi/linux/bpf.h).
 * No libbpf, no headers. Every failure surfaces as {@link BpfException} with errno and, for loads, the
 * verifier's log.
 */
final class Bpf {
    static final int MAP_CREATE = 0, MAP_LOOKUP_ELEM = 1, MAP_UPDATE_ELEM = 2, PROG_LOAD = 5,
            PROG_GET_NEXT_ID = 11, PROG_GET_FD_BY_ID = 13, OBJ_GET_INFO_BY_FD = 15, RAW_TRACEPOINT_OPEN = 17;
    static final int MAP_TYPE_ARRAY = 2;
    static final int PROG_TYPE_RAW_TRACEPOINT = 17;
    static final int F_MMAPABLE = 1 << 10;
    private static final int PROT_READ = 1, PROT_WRITE = 2, MAP_SHARED = 1;

    /** A failed bpf command: errno plus what was attempted (and the verifier log for loads). */
    static final class BpfException extends Exception {
        final int errno;

        BpfException(String what, int errno, String extra) {
            super(what + " failed: " + Errno.name(errno) + (extra == null || extra.isEmpty() ? "" : "; " + extra));
            this.errno = errno;
        }
    }

    private final LibC libc;

    Bpf(LibC libc) {
        this.libc = libc;
    }

    private int call(int cmd, Memory attr, String what) throws BpfException {
        try {
            return (int) libc.syscall(LibC.SYS_BPF, cmd, attr, (int) attr.size());
        } catch (LastErrorException e) {
            throw new BpfException(what, e.getErrorCode(), null);
        }
    }

    /** Creates a map; returns its fd. */
    int createMap(int type, int keySize, int valueSize, int maxEntries, int flags, String name) throws BpfException {
        try (Memory a = new Memory(72)) {
            a.clear();
            a.setInt(0, type);
            a.setInt(4, keySize);
            a.setInt(8, valueSize);
            a.setInt(12, maxEntries);
            a.setInt(16, flags);
            putName(a, 28, name); // map_name follows inner_map_fd(20) and numa_node(24)
            return call(MAP_CREATE, a, "BPF_MAP_CREATE " + name);
        }
    }

    /**
     * Tries of a load the kernel gave up with EAGAIN: the verifier stops when a signal is pending for the loading
     * thread (as libbpf does, the load is tried again a few times).
     */
    static final int LOAD_TRIES = 5;
    static final int EAGAIN = 11;

    /**
     * Loads a program; on failure the message carries the tail of the verifier log, on one line. Profilers' timer
     * signals are held back from this thread meanwhile ({@link HeldSignals}): under async-profiler's {@code
     * interval=1ms} one arrives within every verification, which then ends in EAGAIN however often it is tried.
     */
    int loadProgram(int type, byte[] insns, String name) throws BpfException {
        int logSize = 1 << 16;
        try (Memory a = new Memory(72); Memory code = new Memory(insns.length); Memory license = new Memory(4);
             Memory log = new Memory(logSize); HeldSignals held = HeldSignals.hold(libc, HeldSignals.PROFILER_TIMERS)) {
            code.write(0, insns, 0, insns.length);
            license.setString(0, "GPL", "US-ASCII"); // bpf_probe_read_kernel is GPL-only
            return tryAgainOnEagain(() -> {
                a.clear();
                log.clear();
                a.setInt(0, type);
                a.setInt(4, insns.length / 8);
                a.setLong(8, Pointer.nativeValue(code));
                a.setLong(16, Pointer.nativeValue(license));
                a.setInt(24, 1); // log_level 1: the log is only written on failure, costs nothing on success
                a.setInt(28, logSize);
                a.setLong(32, Pointer.nativeValue(log));
                putName(a, 48, name);
                try {
                    return (int) libc.syscall(LibC.SYS_BPF, PROG_LOAD, a, (int) a.size());
                } catch (LastErrorException e) {
                    throw new BpfException("BPF_PROG_LOAD " + name, e.getErrorCode(), verifierTail(log.getString(0, "US-ASCII")));
                }
            });
        }
    }

    /** A bpf command that may fail with a {@link BpfException}. */
    interface Command {
        int run() throws BpfException;
    }

    /** Runs {@code command}, again while it fails with EAGAIN, at most {@link #LOAD_TRIES} times in all. */
    static int tryAgainOnEagain(Command command) throws BpfException {
        for (int tried = 1; ; tried++) {
            try {
                return command.run();
            } catch (BpfException e) {
                if (e.errno != EAGAIN || tried >= LOAD_TRIES) {
                    throw e;
                }
            }
        }
    }

    /** The verifier log's last 600 characters on one line ("a / b"), or null when it wrote nothing. */
    static String verifierTail(String log) {
        String text = log.trim().replaceAll("\\s*\\R\\s*", " / ");
        if (text.length() > 600) {
            text = "..." + text.substring(text.length() - 600);
        }
        return text.isEmpty() ? null : "verifier: " + text;
    }

    /** Attaches {@code progFd} to the raw tracepoint {@code tracepoint}; closing the returned fd detaches it. */
    int openRawTracepoint(String tracepoint, int progFd) throws BpfException {
        try (Memory a = new Memory(16); Memory name = new Memory(tracepoint.length() + 1)) {
            a.clear();
            name.setString(0, tracepoint, "US-ASCII");
            a.setLong(0, Pointer.nativeValue(name));
            a.setInt(8, progFd);
            return call(RAW_TRACEPOINT_OPEN, a, "BPF_RAW_TRACEPOINT_OPEN " + tracepoint);
        }
    }

    /** Writes one element: key and value are raw bytes of the map's sizes. */
    void update(int mapFd, byte[] key, byte[] value) throws BpfException {
        try (Memory a = new Memory(32); Memory k = new Memory(key.length); Memory v = new Memory(value.length)) {
            a.clear();
            k.write(0, key, 0, key.length);
            v.write(0, value, 0, value.length);
            a.setInt(0, mapFd);
            a.setLong(8, Pointer.nativeValue(k));
            a.setLong(16, Pointer.nativeValue(v));
            call(MAP_UPDATE_ELEM, a, "BPF_MAP_UPDATE_ELEM");
        }
    }

    /** Maps a {@link #F_MMAPABLE} array map read/write shared; the kernel keeps the map alive while mapped. */
    Pointer mmap(int mapFd, long bytes) throws BpfException {
        try {
            return libc.mmap(null, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, mapFd, 0);
        } catch (LastErrorException e) {
            throw new BpfException("mmap of BPF map", e.getErrorCode(), null);
        }
    }

    void munmap(Pointer p, long bytes) {
        try {
            libc.munmap(p, bytes);
        } catch (Throwable ignored) {
            // nothing more can be done at teardown
        }
    }

    void close(int fd) {
        if (fd >= 0) {
            try {
                libc.close(fd);
            } catch (Throwable ignored) {
                // already closed
            }
        }
    }

    /**
     * Names of all BPF programs loaded on the machine (needs CAP_SYS_ADMIN); used to check that close left none
     * of ours behind.
     */
    java.util.List<String> loadedProgramNames() throws BpfException {
        java.util.List<String> names = new java.util.ArrayList<>();
        int id = 0;
        try (Memory a = new Memory(16); Memory info = new Memory(256)) {
            while (true) {
                a.clear();
                a.setInt(0, id);
                try {
                    libc.syscall(LibC.SYS_BPF, PROG_GET_NEXT_ID, a, 16);
                } catch (LastErrorException e) {
                    if (e.getErrorCode() == 2) {
                        return names; // ENOENT: no more ids
                    }
                    throw new BpfException("BPF_PROG_GET_NEXT_ID", e.getErrorCode(), null);
                }
                id = a.getInt(4);
                a.clear();
                a.setInt(0, id);
                int fd;
                try {
                    fd = (int) libc.syscall(LibC.SYS_BPF, PROG_GET_FD_BY_ID, a, 16);
                } catch (LastErrorException e) {
                    continue; // freed in between
                }
                try {
                    info.clear();
                    a.clear();
                    a.setInt(0, fd);
                    a.setInt(4, 256);
                    a.setLong(8, Pointer.nativeValue(info));
                    libc.syscall(LibC.SYS_BPF, OBJ_GET_INFO_BY_FD, a, 16);
                    names.add(info.getString(64, "US-ASCII")); // bpf_prog_info.name
                } catch (LastErrorException e) {
                    // keep going: one unreadable program does not hide the others
                } finally {
                    close(fd);
                }
            }
        }
    }

    private static void putName(Memory a, long off, String name) {
        byte[] b = name.getBytes(StandardCharsets.US_ASCII);
        a.write(off, b, 0, Math.min(b.length, 15));
    }
}
