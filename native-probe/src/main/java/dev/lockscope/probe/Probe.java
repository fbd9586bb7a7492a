package dev.lockscope.probe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The native probe: opened once per JVM by {@link #get()}, never throws, and says what it can do here.
 * Its rungs, best first: eBPF (mmap'd per-thread map) → perf counters (futex only) → /proc sampling → unknown.
 *
 * <p>System properties: {@code lockscope.probe.noEbpf=true} skips eBPF, {@code lockscope.probe.freshMs} (default 20)
 * bounds how old an "on CPU" observation may be, {@code lockscope.probe.futexDuty=WINDOW_MS/PERIOD_MS} turns on
 * windowed futex counting (off by default).
 */
public final class Probe implements AutoCloseable {
    private static Probe instance;

    private final Rseq rseq;
    private final SliceExtension slice;
    private final Capability proc;
    private final EbpfTracker ebpf;
    private final String ebpfFailure;
    private final PerfFutexCounters perf;
    private final FutexCounting futex;
    private final OnCpuOracle oracle;
    private final List<Capability> capabilities;

    private Probe() {
        rseq = guard(Rseq::detect, () -> null);
        slice = guard(() -> SliceExtension.detect(SliceExtension.libcKernel(),
                () -> rseq == null ? null : rseq.currentArea(), rseq == null ? 0 : rseq.featureSize()), () -> null);
        proc = guard(() -> ProcTaskReader.detect(Tids.current()), () -> Capability.missing("/proc sampling", "detection failed"));
        EbpfTracker.Opened opened = guard(EbpfTracker::open, () -> new EbpfTracker.Opened(null, "eBPF open failed unexpectedly"));
        ebpf = opened.tracker;
        ebpfFailure = opened.failure;
        perf = ebpf != null ? null : guard(PerfFutexCounters::detect, () -> null);
        long freshNs = Long.getLong("lockscope.probe.freshMs", 20) * 1_000_000L;
        oracle = ebpf != null ? new EbpfOnCpuOracle(ebpf, freshNs)
                : new UnknownOnCpuOracle("eBPF unavailable (" + ebpfFailure + "); /proc cannot tell running from runnable");
        futex = new FutexCounting(ebpf, futexCapability());
        capabilities = Collections.unmodifiableList(buildCapabilities());
        if (ebpf != null) {
            startConfiguredDutyCycle();
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(ebpf::close, "lockscope-probe-close"));
            } catch (Throwable ignored) {
                // JVM already shutting down: the kernel frees everything at exit
            }
        }
    }

    /**
     * The degraded probe, when even linking the native rungs failed (e.g. JNA missing from the class path):
     * everything is reported missing with that reason except /proc, which needs no native code beyond gettid.
     */
    private Probe(Throwable nativeFailure) {
        rseq = null;
        slice = null;
        proc = guard(() -> ProcTaskReader.detect(Tids.current()), () -> Capability.missing("/proc sampling", "detection failed"));
        ebpf = null;
        ebpfFailure = "no native access: " + nativeFailure;
        perf = null;
        oracle = new UnknownOnCpuOracle(ebpfFailure);
        futex = new FutexCounting(null, Capability.missing("futex-count source", ebpfFailure));
        capabilities = Collections.unmodifiableList(buildCapabilities());
    }

    /** The probe of this JVM, opened on first use. Never throws; never null. */
    public static synchronized Probe get() {
        if (instance == null) {
            try {
                instance = new Probe();
            } catch (Throwable t) {
                instance = new Probe(t);
            }
        }
        return instance;
    }

    /**
     * Closes this JVM's probe (its eBPF programs detached, its duty cycle stopped) so nothing of it keeps running; the
     * next {@link #get()} opens a new one. For a caller that owns the probe's lifetime, e.g. an agent told to stop.
     */
    public static synchronized void closeShared() {
        if (instance != null) {
            instance.close();
            instance = null;
        }
    }

    private static <T> T guard(java.util.function.Supplier<T> open, java.util.function.Supplier<T> fallback) {
        try {
            return open.get();
        } catch (Throwable t) {
            return fallback.get();
        }
    }

    private void startConfiguredDutyCycle() {
        String duty = System.getProperty("lockscope.probe.futexDuty", "");
        int slash = duty.indexOf('/');
        if (slash > 0) {
            try {
                futex.startDutyCycle(Long.parseLong(duty.substring(0, slash).trim()), Long.parseLong(duty.substring(slash + 1).trim()));
            } catch (NumberFormatException ignored) {
                // reported as off in the capability table
            }
        }
    }

    private Capability futexCapability() {
        String name = "futex-count source";
        if (ebpf != null) {
            return Capability.available(name, Provenance.MEASURED_EBPF, "eBPF raw tracepoint sys_enter (futex=202)",
                    "wait/wake/other per thread, counted only inside windows (sys_enter hooks tax every syscall); duty cycle "
                            + System.getProperty("lockscope.probe.futexDuty", "off"));
        }
        if (perf != null && perf.available()) {
            return Capability.available(name, Provenance.MEASURED_PERF, perf.source(), perf.detail());
        }
        return Capability.missing(name, "eBPF: " + ebpfFailure + "; perf: " + (perf == null ? "not tried" : perf.reason())
                + "; /proc has no futex counts");
    }

    private List<Capability> buildCapabilities() {
        List<Capability> c = new ArrayList<>();
        c.add(rseq != null ? rseq.capability() : Capability.missing("rseq", ebpf == null && ebpfFailure.startsWith("no native") ? ebpfFailure : "detection failed"));
        if (rseq != null && rseq.available() && rseq.hasMmCid()) {
            c.add(Capability.available("rseq mm_cid", Provenance.MEASURED_RSEQ, "struct rseq.mm_cid", "feature size " + rseq.featureSize() + " >= 28"));
        } else {
            c.add(Capability.missing("rseq mm_cid", rseq == null || !rseq.available() ? "rseq missing"
                    : "kernel rseq feature size " + rseq.featureSize() + " < 28 (mm_cid needs Linux 6.3+)"));
        }
        c.add(Capability.missing("rseq sched_state", "not in mainline Linux (RFC only): struct rseq has no sched_state field"));
        c.add(slice != null ? slice.capability() : Capability.missing("rseq slice extension", rseq == null ? ebpfFailure : "detection failed"));
        if (ebpf != null) {
            c.add(Capability.available("on-CPU source", Provenance.MEASURED_EBPF, "eBPF raw tracepoint sched_switch, mmap'd map", ebpf.detail()));
            c.add(Capability.available("off-CPU-time source", Provenance.MEASURED_EBPF, "eBPF raw tracepoint sched_switch",
                    "cumulative on/off-CPU ns per thread since first seen"));
            c.add(Capability.available("switch-count source", Provenance.MEASURED_EBPF, "eBPF raw tracepoint sched_switch",
                    "voluntary/involuntary per thread, always on"));
        } else {
            c.add(Capability.missing("on-CPU source", "eBPF: " + ebpfFailure + "; /proc: stat's state letter cannot tell running from runnable"));
            c.add(proc.available()
                    ? Capability.available("off-CPU-time source", Provenance.SAMPLED_PROC, "/proc/self/task/TID/schedstat",
                            "on-CPU ns and run-queue wait ns per read (no off-CPU total); eBPF: " + ebpfFailure)
                    : Capability.missing("off-CPU-time source", "eBPF: " + ebpfFailure + "; /proc: " + proc.reason()));
            c.add(proc.available()
                    ? Capability.available("switch-count source", Provenance.SAMPLED_PROC, "/proc/self/task/TID/status", "voluntary/nonvoluntary per read")
                    : Capability.missing("switch-count source", "eBPF: " + ebpfFailure + "; /proc: " + proc.reason()));
        }
        c.add(futex == null ? futexCapability() : futex.capability());
        c.add(proc);
        return c;
    }

    /** Every capability, available or not, with source and reason. */
    public List<Capability> capabilities() {
        return capabilities;
    }

    /** The capability called {@code name}, or null. */
    public Capability capability(String name) {
        for (Capability c : capabilities) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** The best on-CPU oracle here; answers UNKNOWN for everything when no rung can tell. */
    public OnCpuOracle onCpuOracle() {
        return oracle;
    }

    /** The calling thread's kernel tid (one gettid per thread, cached), or -1. */
    public int currentTid() {
        return Tids.current();
    }

    /**
     * The kernel tid of the OS thread running the caller now (one gettid system call each time, never cached), or -1:
     * for a virtual thread, the tid of the carrier it is mounted on, which changes when it is mounted again.
     */
    public int kernelTidNow() {
        return Tids.uncached();
    }

    public Rseq rseq() {
        return rseq;
    }

    public SliceExtension sliceExtension() {
        return slice;
    }

    public FutexCounting futexCounting() {
        return futex;
    }

    /** Raw eBPF figures for tid, or null when eBPF is off or the thread is not tracked. */
    public ThreadCounters counters(int tid) {
        return ebpf == null ? null : ebpf.counters(tid, System.nanoTime());
    }

    /**
     * tid's cumulative on-CPU ns from the eBPF map (open interval counted up to {@code nowNs}, a
     * {@link System#nanoTime()} value), or -1 when eBPF is off or tid is untracked. Plain loads, no system call,
     * no allocation: safe inside a lock's slow path.
     */
    public long onCpuNanos(int tid, long nowNs) {
        return ebpf == null ? -1 : ebpf.onCpuNanos(tid, nowNs);
    }

    /**
     * tid's cumulative ns runnable but off a CPU after the scheduler switched it out as runnable (preempted, or a
     * yield), the open gap counted up to {@code nowNs}; -1 when eBPF is off or tid is untracked. Plain loads, no system
     * call, no allocation: safe inside a lock's slow path.
     */
    public long runQueueNanos(int tid, long nowNs) {
        return ebpf == null ? -1 : ebpf.runQueueNanos(tid, nowNs);
    }

    /**
     * tid's futex calls counted inside counting windows so far, or -1 when eBPF is off or tid is untracked.
     * Plain loads; compare two readings only when {@link FutexCounting#windowEpoch()} shows one open window
     * covered both.
     */
    public long futexCallsCounted(int tid) {
        return ebpf == null ? -1 : ebpf.futexCalls(tid);
    }

    /** One /proc reading of tid (sampled), or null. */
    public ProcSample sample(int tid) {
        return proc.available() ? ProcTaskReader.sample(tid) : null;
    }

    /** The best figures for tid, each labelled with its rung. */
    public ThreadStats stats(int tid) {
        FutexCounts f = ebpf != null ? futex.counts(tid)
                : perf != null && perf.available() ? perf.counts(tid) : FutexCounts.unknown(tid, futex.capability().reason());
        ThreadCounters c = counters(tid);
        if (c != null) {
            return new ThreadStats(tid, c.onCpuNs(), c.offCpuNs(), -1, Provenance.MEASURED_EBPF,
                    c.voluntarySwitches(), c.involuntarySwitches(), Provenance.MEASURED_EBPF, f);
        }
        ProcSample s = sample(tid);
        if (s != null) {
            return new ThreadStats(tid, s.onCpuNs(), -1, s.runQueueWaitNs(), Provenance.SAMPLED_PROC,
                    s.voluntarySwitches(), s.involuntarySwitches(), Provenance.SAMPLED_PROC, f);
        }
        return new ThreadStats(tid, -1, -1, -1, Provenance.UNKNOWN, -1, -1, Provenance.UNKNOWN, f);
    }

    /** The capability table as text or JSON. */
    public ProbeReport report() {
        return new ProbeReport(capabilities);
    }

    /** True while the eBPF programs are attached. */
    public boolean ebpfActive() {
        return ebpf != null && !ebpf.closed();
    }

    int ebpfSlots() {
        return ebpf == null ? 0 : ebpf.slots();
    }

    /** Detaches all programs and frees the maps; the oracle answers UNKNOWN afterwards. Also runs at JVM exit. */
    @Override
    public void close() {
        try {
            futex.stopDutyCycle();
            if (ebpf != null) {
                ebpf.close();
            }
            if (perf != null) {
                perf.close();
            }
        } catch (Throwable ignored) {
            // close must not throw into the host
        }
    }
}
