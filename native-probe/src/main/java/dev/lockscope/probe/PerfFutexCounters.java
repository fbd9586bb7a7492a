package dev.lockscope.probe;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The perf rung for futex counts, used when eBPF is not allowed: one counting perf event per thread on the
 * {@code syscalls:sys_enter_futex} tracepoint with {@code exclude_kernel=1} (allowed unprivileged for one's own
 * threads). It needs the tracepoint id, which only tracefs publishes; without tracefs this rung is missing.
 * perf cannot split wait from wake without a tracefs filter, so only totals are counted (reported as "other").
 */
final class PerfFutexCounters {
    private static final String[] ID_FILES = {
        "/sys/kernel/tracing/events/syscalls/sys_enter_futex/id",
        "/sys/kernel/debug/tracing/events/syscalls/sys_enter_futex/id",
    };
    private static final int PERF_TYPE_TRACEPOINT = 2;
    private static final long FLAG_EXCLUDE_KERNEL = 1L << 5;
    private static final long PERF_FLAG_FD_CLOEXEC = 8;
    private static final int MAX_COUNTERS = 4096;

    private final LibC libc;
    private final long tracepointId;
    private final String reason;
    private final String idFile;
    private final Map<Integer, long[]> counters = new ConcurrentHashMap<>(); // tid -> {fd, openedAtNs}
    private volatile boolean closed;

    private PerfFutexCounters(LibC libc, long tracepointId, String idFile, String reason) {
        this.libc = libc;
        this.tracepointId = tracepointId;
        this.idFile = idFile;
        this.reason = reason;
    }

    static PerfFutexCounters detect() {
        LibC libc = LibC.Loader.libc();
        if (libc == null) {
            return new PerfFutexCounters(null, -1, null, "no native access: " + LibC.Loader.failure());
        }
        if (Boolean.getBoolean("lockscope.probe.noPerf")) {
            return new PerfFutexCounters(null, -1, null, "disabled by -Dlockscope.probe.noPerf=true");
        }
        StringBuilder tried = new StringBuilder();
        for (String f : ID_FILES) {
            try {
                long id = Long.parseLong(Files.readString(Path.of(f)).trim());
                PerfFutexCounters p = new PerfFutexCounters(libc, id, f, null);
                int self = Tids.current();
                try {
                    int fd = p.open(self);
                    libc.close(fd);
                    return p;
                } catch (LastErrorException e) {
                    return new PerfFutexCounters(null, -1, f, "perf_event_open(tracepoint " + id + ", exclude_kernel) failed: "
                            + Errno.name(e.getErrorCode()) + " (kernel.perf_event_paranoid=" + EbpfTracker.sysctl("kernel/perf_event_paranoid") + ")");
                }
            } catch (IOException | RuntimeException e) {
                tried.append(tried.length() == 0 ? "" : ", ").append(f).append(": ").append(e.getClass().getSimpleName());
            }
        }
        return new PerfFutexCounters(null, -1, null, "sys_enter_futex tracepoint id unreadable (tracefs not mounted or not permitted: "
                + tried + ")");
    }

    private int open(int tid) {
        try (Memory attr = new Memory(128)) {
            attr.clear();
            attr.setInt(0, PERF_TYPE_TRACEPOINT);
            attr.setInt(4, 128);
            attr.setLong(8, tracepointId);
            attr.setLong(40, FLAG_EXCLUDE_KERNEL);
            return (int) libc.syscall(LibC.SYS_PERF_EVENT_OPEN, attr, tid, -1, -1, PERF_FLAG_FD_CLOEXEC);
        }
    }

    boolean available() {
        return reason == null;
    }

    String reason() {
        return reason;
    }

    String source() {
        return "perf tracepoint syscalls:sys_enter_futex (id from " + idFile + ")";
    }

    String detail() {
        return "total futex calls per thread from the first request on (no wait/wake split without a tracefs filter)";
    }

    /** Counts for tid since its counter was opened (on the first call for that tid). */
    FutexCounts counts(int tid) {
        if (!available() || closed) {
            return FutexCounts.unknown(tid, reason == null ? "closed" : reason);
        }
        long[] c = counters.get(tid);
        if (c == null) {
            if (counters.size() >= MAX_COUNTERS) {
                return FutexCounts.unknown(tid, "perf counter limit (" + MAX_COUNTERS + ") reached");
            }
            try {
                c = new long[] {open(tid), System.nanoTime()};
            } catch (LastErrorException e) {
                return FutexCounts.unknown(tid, "perf_event_open for tid " + tid + ": " + Errno.name(e.getErrorCode()));
            }
            long[] raced = counters.putIfAbsent(tid, c);
            if (raced != null) {
                libc.close((int) c[0]);
                c = raced;
            }
        }
        try (Memory out = new Memory(8)) {
            long n = libc.read((int) c[0], out, 8);
            long total = n == 8 ? out.getLong(0) : -1;
            return new FutexCounts(tid, 0, 0, total, System.nanoTime() - c[1], 1, Provenance.MEASURED_PERF, source());
        } catch (LastErrorException e) {
            return FutexCounts.unknown(tid, "read of perf counter: " + Errno.name(e.getErrorCode()));
        }
    }

    void close() {
        closed = true;
        for (long[] c : counters.values()) {
            try {
                libc.close((int) c[0]);
            } catch (Throwable ignored) {
                // already closed
            }
        }
        counters.clear();
    }
}
