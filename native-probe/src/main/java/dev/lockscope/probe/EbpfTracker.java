package dev.lockscope.probe;

import com.sun.jna.LastErrorException;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The eBPF rung: a {@code BPF_F_MMAPABLE} array of per-thread slots, written by raw-tracepoint programs on
 * sched_switch (always), sched_stat_runtime (heartbeat, when it attaches) and sys_enter (futex counting, only
 * inside windows), read by Java with plain opaque loads through a direct ByteBuffer over the mapping.
 */
final class EbpfTracker {
    static final String PROG_PREFIX = "lockscope_";
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    /** /proc/self/ns/pid target of the initial PID namespace (PROC_PID_INIT_INO). */
    private static final String INIT_PID_NS = "pid:[4026531836]";

    private final Bpf bpf;
    private final LibC libc;
    private final int mapFd;
    private final int mask;
    private final long mappedBytes;
    private final Pointer mem;
    private final ByteBuffer buf;
    private final List<Integer> progFds = new ArrayList<>();
    private final List<Integer> linkFds = new ArrayList<>();
    private final int futexProgFd;
    private final String heartbeat;
    private final String detail;
    private final int clockAt;
    private int futexLinkFd = -1;
    private volatile boolean closed;

    private EbpfTracker(Bpf bpf, LibC libc, int mapFd, int slots, Pointer mem, long mappedBytes, int futexProgFd,
                        String heartbeat, String detail) {
        this.bpf = bpf;
        this.libc = libc;
        this.mapFd = mapFd;
        this.mask = slots - 1;
        this.mem = mem;
        this.mappedBytes = mappedBytes;
        this.buf = mem.getByteBuffer(0, (long) (slots + 1) * SlotLayout.BYTES).order(ByteOrder.nativeOrder());
        this.clockAt = slots * SlotLayout.BYTES + SlotLayout.CLOCK_NS;
        this.futexProgFd = futexProgFd;
        this.heartbeat = heartbeat;
        this.detail = detail;
    }

    /** The outcome of trying to open the eBPF rung: a tracker, or the reason there is none. */
    static final class Opened {
        final EbpfTracker tracker;
        final String failure;

        Opened(EbpfTracker tracker, String failure) {
            this.tracker = tracker;
            this.failure = failure;
        }
    }

    static Opened open() {
        LibC libc = LibC.Loader.libc();
        if (libc == null) {
            return new Opened(null, "no native access: " + LibC.Loader.failure());
        }
        if (!Platform.isX86_64()) {
            return new Opened(null, "syscall numbers and pt_regs offsets are x86_64-only here");
        }
        if (Boolean.getBoolean("lockscope.probe.noEbpf")) {
            return new Opened(null, "disabled by -Dlockscope.probe.noEbpf=true");
        }
        String ns;
        try {
            ns = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
        } catch (IOException | RuntimeException e) {
            ns = "unreadable (" + e + ")";
        }
        if (!INIT_PID_NS.equals(ns)) {
            return new Opened(null, "process runs in a non-initial PID namespace (" + ns + "): sched_switch sees host "
                    + "tids that do not match this JVM's gettid, so eBPF tracking is not used");
        }
        Map<String, Integer> off;
        try {
            off = Btf.memberOffsets(Btf.VMLINUX, "task_struct", "pid", "tgid");
        } catch (IOException | RuntimeException e) {
            return new Opened(null, "cannot read task_struct offsets from " + Btf.VMLINUX + " (BTF): " + e.getMessage());
        }
        if (!off.containsKey("pid") || !off.containsKey("tgid")) {
            return new Opened(null, "BTF has no task_struct.pid/tgid members: " + off);
        }
        Bpf bpf = new Bpf(libc);
        int tgid = libc.getpid();
        int slots = slotCount();
        long bytes = ((long) (slots + 1) * SlotLayout.BYTES + 4095) & ~4095L; // thread slots + header, whole pages
        int mapFd = -1;
        Pointer mem = null;
        List<Integer> fds = new ArrayList<>();
        try {
            mapFd = bpf.createMap(Bpf.MAP_TYPE_ARRAY, 4, SlotLayout.BYTES, slots + 1, Bpf.F_MMAPABLE, "lockscope_thr");
            mem = bpf.mmap(mapFd, bytes);
            int sw = bpf.loadProgram(Bpf.PROG_TYPE_RAW_TRACEPOINT,
                    SchedPrograms.schedSwitch(mapFd, tgid, slots - 1, off.get("pid"), off.get("tgid")), PROG_PREFIX + "switch");
            fds.add(sw);
            int futex = bpf.loadProgram(Bpf.PROG_TYPE_RAW_TRACEPOINT, SchedPrograms.futexEnter(mapFd, tgid, slots - 1), PROG_PREFIX + "futex");
            fds.add(futex);
            String heartbeat;
            int hbLink = -1;
            int hb = -1;
            try {
                hb = bpf.loadProgram(Bpf.PROG_TYPE_RAW_TRACEPOINT,
                        SchedPrograms.heartbeat(mapFd, tgid, slots - 1), PROG_PREFIX + "beat");
                hbLink = bpf.openRawTracepoint("sched_stat_runtime", hb);
                heartbeat = "heartbeat on sched_stat_runtime";
            } catch (Bpf.BpfException e) {
                bpf.close(hb);
                hb = -1;
                heartbeat = "no heartbeat (" + e.getMessage() + "): on-CPU answers go stale after the freshness bound";
            }
            int swLink = bpf.openRawTracepoint("sched_switch", sw);
            EbpfTracker t = new EbpfTracker(bpf, libc, mapFd, slots, mem, bytes, futex, heartbeat,
                    slots + " slots x " + SlotLayout.BYTES + " B indexed by tid & " + (slots - 1) + ", tgid " + tgid
                            + " (initial PID namespace, so kernel tids are gettid's)" + ", task_struct.pid@" + off.get("pid") + " tgid@" + off.get("tgid") + " (BTF), " + heartbeat);
            t.progFds.addAll(fds);
            if (hb >= 0) {
                t.progFds.add(hb);
                t.linkFds.add(hbLink);
            }
            t.linkFds.add(swLink);
            return new Opened(t, null);
        } catch (Bpf.BpfException | RuntimeException e) {
            for (int fd : fds) {
                bpf.close(fd);
            }
            if (mem != null) {
                bpf.munmap(mem, bytes);
            }
            bpf.close(mapFd);
            String hint = e instanceof Bpf.BpfException && ((Bpf.BpfException) e).errno == 1
                    ? " (needs CAP_BPF + CAP_PERFMON, or root; kernel.unprivileged_bpf_disabled=" + sysctl("kernel/unprivileged_bpf_disabled") + ")"
                    : "";
            return new Opened(null, e.getMessage() + hint);
        }
    }

    /** Enough slots to index every possible tid directly when pid_max allows (no collisions), at most 65536. */
    static int slotCount() {
        int pidMax = 65536;
        try {
            pidMax = Integer.parseInt(sysctl("kernel/pid_max"));
        } catch (RuntimeException ignored) {
            // keep the cap
        }
        int n = 1024;
        while (n < pidMax && n < 65536) {
            n <<= 1;
        }
        return n;
    }

    static String sysctl(String name) {
        try {
            // Files.readString mis-sizes some /proc/sys files (it read "3" for pid_max=32768 here): read line-wise
            try (java.io.BufferedReader r = Files.newBufferedReader(Path.of("/proc/sys", name))) {
                String line = r.readLine();
                return line == null ? "?" : line.trim();
            }
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    String detail() {
        return detail;
    }

    boolean hasHeartbeat() {
        return heartbeat.startsWith("heartbeat");
    }

    int slots() {
        return mask + 1;
    }

    /** Index of tid's slot in bytes, or -1 when the slot belongs to another thread (or the tracker is closed). */
    private int slotOf(int tid) {
        if (tid <= 0) {
            return -1;
        }
        int at = (tid & mask) * SlotLayout.BYTES;
        return (int) INT.getOpaque(buf, at + SlotLayout.TID) == tid ? at : -1;
    }

    /**
     * ON/OFF/UNKNOWN for tid. "On" counts as fresh while the last switch-in or heartbeat is younger than
     * {@code freshNs} measured against the map's own clock (the latest timestamp any of this JVM's switches or
     * heartbeats wrote; the reader's own ticks keep it moving): a missed switch-out decays to UNKNOWN instead of
     * lying. Loads only: no clock call, no system call.
     */
    int onCpu(int tid, long freshNs) {
        int at = slotOf(tid);
        if (at < 0) {
            return OnCpuOracle.UNKNOWN;
        }
        int state = (int) INT.getOpaque(buf, at + SlotLayout.STATE);
        if (state == 0) {
            return OnCpuOracle.OFF_CPU;
        }
        long nowNs = (long) LONG.getOpaque(buf, clockAt);
        long last = Math.max((long) LONG.getOpaque(buf, at + SlotLayout.LAST_SWITCH_NS), (long) LONG.getOpaque(buf, at + SlotLayout.LAST_SEEN_NS));
        return nowNs - last < freshNs ? OnCpuOracle.ON_CPU : OnCpuOracle.UNKNOWN;
    }

    long field(int tid, int offset) {
        int at = slotOf(tid);
        return at < 0 ? -1 : (long) LONG.getOpaque(buf, at + offset);
    }

    /** Current figures for tid, open intervals included up to {@code nowNs}; null when untracked. */
    ThreadCounters counters(int tid, long nowNs) {
        int at = slotOf(tid);
        if (at < 0) {
            return null;
        }
        int state = (int) INT.getOpaque(buf, at + SlotLayout.STATE);
        long last = (long) LONG.getOpaque(buf, at + SlotLayout.LAST_SWITCH_NS);
        long on = (long) LONG.getOpaque(buf, at + SlotLayout.ON_CPU_NS);
        long off = (long) LONG.getOpaque(buf, at + SlotLayout.OFF_CPU_NS);
        long runQueue = (long) LONG.getOpaque(buf, at + SlotLayout.RUN_QUEUE_NS);
        if (last != 0 && nowNs > last) {
            if (state == 1) {
                on += nowNs - last;
            } else {
                off += nowNs - last;
                runQueue += (long) LONG.getOpaque(buf, at + SlotLayout.OUT_RUNNABLE) != 0 ? nowNs - last : 0;
            }
        }
        return new ThreadCounters(tid, state == 1, last, on, off, runQueue,
                (long) LONG.getOpaque(buf, at + SlotLayout.VOLUNTARY), (long) LONG.getOpaque(buf, at + SlotLayout.INVOLUNTARY),
                (long) LONG.getOpaque(buf, at + SlotLayout.FUTEX_WAIT), (long) LONG.getOpaque(buf, at + SlotLayout.FUTEX_WAKE),
                (long) LONG.getOpaque(buf, at + SlotLayout.FUTEX_OTHER), (long) LONG.getOpaque(buf, at + SlotLayout.REPAIRS));
    }

    /**
     * tid's cumulative on-CPU ns (the open interval counted up to {@code nowNs}), or -1 when untracked. Loads
     * only, no allocation: for callers inside lock slow paths.
     */
    long onCpuNanos(int tid, long nowNs) {
        int at = slotOf(tid);
        if (at < 0) {
            return -1;
        }
        int state = (int) INT.getOpaque(buf, at + SlotLayout.STATE);
        long last = (long) LONG.getOpaque(buf, at + SlotLayout.LAST_SWITCH_NS);
        long on = (long) LONG.getOpaque(buf, at + SlotLayout.ON_CPU_NS);
        return state == 1 && last != 0 && nowNs > last ? on + (nowNs - last) : on;
    }

    /**
     * tid's cumulative ns runnable but off a CPU after being switched out as runnable (preempted or yielding), the
     * open gap counted up to {@code nowNs}; -1 when untracked. Loads only, no allocation.
     */
    long runQueueNanos(int tid, long nowNs) {
        int at = slotOf(tid);
        if (at < 0) {
            return -1;
        }
        int state = (int) INT.getOpaque(buf, at + SlotLayout.STATE);
        long last = (long) LONG.getOpaque(buf, at + SlotLayout.LAST_SWITCH_NS);
        long runQueue = (long) LONG.getOpaque(buf, at + SlotLayout.RUN_QUEUE_NS);
        boolean waiting = state == 0 && (long) LONG.getOpaque(buf, at + SlotLayout.OUT_RUNNABLE) != 0;
        return waiting && last != 0 && nowNs > last ? runQueue + (nowNs - last) : runQueue;
    }

    /** tid's futex calls counted inside windows so far (wait + wake + other), or -1 when untracked. Loads only. */
    long futexCalls(int tid) {
        int at = slotOf(tid);
        if (at < 0) {
            return -1;
        }
        return (long) LONG.getOpaque(buf, at + SlotLayout.FUTEX_WAIT) + (long) LONG.getOpaque(buf, at + SlotLayout.FUTEX_WAKE)
                + (long) LONG.getOpaque(buf, at + SlotLayout.FUTEX_OTHER);
    }

    /** Attaches the futex counter; returns null on success, else the reason. */
    synchronized String attachFutex() {
        if (closed) {
            return "closed";
        }
        if (futexLinkFd >= 0) {
            return null;
        }
        try {
            futexLinkFd = bpf.openRawTracepoint("sys_enter", futexProgFd);
            return null;
        } catch (Bpf.BpfException e) {
            return e.getMessage();
        }
    }

    synchronized void detachFutex() {
        bpf.close(futexLinkFd);
        futexLinkFd = -1;
    }

    synchronized boolean futexAttached() {
        return futexLinkFd >= 0;
    }

    boolean closed() {
        return closed;
    }

    /**
     * Detaches every program and frees the map. The mapping is replaced in place by a zero page
     * (MAP_FIXED anonymous) rather than unmapped, so a reader racing with close reads zeros (UNKNOWN) instead
     * of faulting.
     */
    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        detachFutex();
        for (int fd : linkFds) {
            bpf.close(fd);
        }
        for (int fd : progFds) {
            bpf.close(fd);
        }
        try {
            libc.mmap(mem, mappedBytes, 1 /* PROT_READ */, 0x22 | 0x10 /* MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED */, -1, 0);
        } catch (LastErrorException e) {
            // cannot swap the mapping: keep the map mapped (readers stay safe) and let process exit free it
        }
        bpf.close(mapFd);
    }
}
