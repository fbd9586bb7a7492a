package dev.lockscope.agent;

import dev.lockscope.agent.hooks.ProbeReads;
import dev.lockscope.agent.monitor.MonitorOwnerShare;
import dev.lockscope.agent.monitor.OnCpuSnapshots;
import dev.lockscope.agent.registry.ProbeLabels;
import dev.lockscope.events.ProbeStatus;
import dev.lockscope.probe.Capability;
import dev.lockscope.probe.FutexCounting;
import dev.lockscope.probe.Probe;

/**
 * Joins the native probe into the agent's figures: the owner's on-CPU share during each wait (eBPF map reads)
 * and the futex calls of waiter and owner (eBPF futex counting, only while counting windows run). When the probe
 * is off, missing or refused (e.g. not root), the agent carries on and says why: here, in ProbeStatus, in the
 * events' source labels and in one log line.
 */
final class ProbeJoin {
    /** Readings for the hooks, or null when the on-CPU figures cannot be measured here. */
    final ProbeReads reads;
    final ProbeLabels labels;
    final String onCpuSource;
    final String futexSource;
    /** Why the probe or a part of it is unavailable; empty when everything is measured. */
    final String reason;
    /** Owner on-CPU shares of monitor waits (started on first use), null until then or without the probe. */
    private volatile MonitorOwnerShare monitorShare;
    private OnCpuSnapshots snapshots;

    private ProbeJoin(ProbeReads reads, ProbeLabels labels, String onCpuSource, String futexSource, String reason) {
        this.reads = reads;
        this.labels = labels;
        this.onCpuSource = onCpuSource;
        this.futexSource = futexSource;
        this.reason = reason;
    }

    private static ProbeJoin unavailable(String reason) {
        return new ProbeJoin(null, ProbeLabels.unavailable(reason), "unavailable", "unavailable", reason);
    }

    /**
     * @param mode      agent option {@code probe=} (auto / off)
     * @param futexDuty agent option {@code futexDuty=WINDOW_MS/PERIOD_MS}, empty for the probe's own default
     */
    static ProbeJoin find(String mode, String futexDuty) {
        if (mode.equalsIgnoreCase("off") || mode.equalsIgnoreCase("false")) {
            return unavailable("turned off by agent option probe=off");
        }
        try {
            String quiet = nativeAccessWarning();
            if (quiet != null && !mode.equalsIgnoreCase("on")) {
                return unavailable(quiet);
            }
            Probe probe = Probe.get();
            if (!probe.ebpfActive()) {
                Capability c = probe.capability("on-CPU source");
                return unavailable("native probe has no eBPF rung here: " + (c == null ? "unknown reason" : c.reason())
                        + "; owner on-CPU share and futex calls need its per-thread map");
            }
            FutexCounting futex = probe.futexCounting();
            String dutyProblem = startDuty(futex, futexDuty);
            String duty = !futexDuty.isEmpty() ? futexDuty : System.getProperty("lockscope.probe.futexDuty", "");
            String onCpuSource = "measured: eBPF sched_switch map, owner's cumulative on-CPU ns (and run-queue ns after "
                    + "a switch-out as runnable) read at wait start and end";
            String futexSource;
            String reason;
            String futexMissing;
            if (futex.dutyCycleRunning()) {
                futexSource = "measured: eBPF sys_enter futex counts of waiter + owner, counting windows " + duty
                        + " ms; only waits inside one window are counted";
                futexMissing = "not counted: the wait was not inside one futex-counting window (" + duty + " ms), or a thread was untracked";
                reason = "";
            } else {
                futexSource = "not counted";
                futexMissing = "not counted: futex-counting windows are off (agent option futexDuty=WINDOW_MS/PERIOD_MS"
                        + " or -Dlockscope.probe.futexDuty)" + (dutyProblem == null ? "" : ": " + dutyProblem);
                reason = futexMissing;
            }
            ProbeLabels labels = new ProbeLabels(onCpuSource, futexSource,
                    "not measured: owner's kernel tid unknown (it has not yet taken a hooked slow path) or not in the probe's map",
                    futexMissing);
            return new ProbeJoin(new Reads(probe), labels, onCpuSource, futexSource, reason);
        } catch (Throwable t) {
            return unavailable("native probe failed to load: " + t);
        }
    }

    /**
     * On JDK 24+ loading JNA's native library without native access enabled makes the JVM print warnings into
     * the host's stderr. The host's output must not change, so by default the probe then stays out; returns the
     * reason, or null when loading is quiet.
     */
    static String nativeAccessWarning() {
        if (Runtime.version().feature() < 24) {
            return null;
        }
        try {
            Module self = ProbeJoin.class.getModule();
            boolean enabled = (Boolean) Module.class.getMethod("isNativeAccessEnabled").invoke(self);
            return enabled ? null : "on JDK " + Runtime.version().feature() + " loading the probe's native library would print"
                    + " restricted-method warnings into the host's stderr; start the JVM with --enable-native-access=ALL-UNNAMED"
                    + " (or pass agent option probe=on to accept the warnings)";
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Starts the agent-configured duty cycle; returns null or what was wrong with it. */
    private static String startDuty(FutexCounting futex, String duty) {
        if (duty.isEmpty() || futex.dutyCycleRunning()) {
            return null;
        }
        int slash = duty.indexOf('/');
        try {
            long window = Long.parseLong(duty.substring(0, slash).trim());
            long period = Long.parseLong(duty.substring(slash + 1).trim());
            return futex.startDutyCycle(window, period) ? null : "futexDuty=" + duty + " refused (need 0 < WINDOW_MS <= PERIOD_MS)";
        } catch (RuntimeException e) {
            return "futexDuty=" + duty + " is not WINDOW_MS/PERIOD_MS";
        }
    }

    boolean available() {
        return reads != null;
    }

    /**
     * Starts the on-CPU snapshots for {@code synchronized} waits and returns their share computer, or null when
     * the probe is not joined (monitor waits then get no owner share, with the probe's reason).
     */
    synchronized MonitorOwnerShare monitorOwnerShare() {
        if (reads == null) {
            return null;
        }
        if (monitorShare == null) {
            snapshots = new OnCpuSnapshots(reads);
            snapshots.start();
            monitorShare = new MonitorOwnerShare(snapshots);
        }
        return monitorShare;
    }

    /**
     * Stops what this join started: the on-CPU snapshots, the futex-counting duty cycle and, unless something else
     * still reads it ({@code keepProbe}: adaptive locks swapped in by adapt=), the probe itself, whose eBPF programs
     * would otherwise keep running on every context switch of the machine. A later join opens it again.
     */
    synchronized void stop(boolean keepProbe) {
        if (snapshots != null) {
            snapshots.stop();
            snapshots = null;
        }
        monitorShare = null;
        if (reads != null && !keepProbe) {
            Probe.closeShared();
        }
    }

    /** Whether monitor waits get owner on-CPU shares. */
    boolean monitorShares() {
        return monitorShare != null;
    }

    ProbeStatus event() {
        ProbeStatus e = new ProbeStatus();
        e.available = reads != null;
        e.onCpuSource = onCpuSource;
        e.futexSource = futexSource;
        e.reason = reason;
        MonitorOwnerShare m = monitorShare;
        if (m != null) {
            e.monitorWaitsMeasured = m.measured.get();
            e.monitorWaitsTooShort = m.tooShort.get();
            e.monitorWaitsNotCovered = m.notCovered.get();
        }
        return e;
    }

    /** Plain loads of the probe's map; one gettid per thread (cached by the probe). */
    private static final class Reads implements ProbeReads {
        private final Probe probe;
        private final FutexCounting futex;

        Reads(Probe probe) {
            this.probe = probe;
            this.futex = probe.futexCounting();
        }

        @Override
        public int currentTid() {
            return probe.currentTid();
        }

        @Override
        public int kernelTidNow() {
            return probe.kernelTidNow();
        }

        @Override
        public long onCpuNanos(int tid, long nowNs) {
            return probe.onCpuNanos(tid, nowNs);
        }

        @Override
        public long runQueueNanos(int tid, long nowNs) {
            return probe.runQueueNanos(tid, nowNs);
        }

        @Override
        public long futexCalls(int tid) {
            return probe.futexCallsCounted(tid);
        }

        @Override
        public int futexEpoch() {
            return futex.windowEpoch();
        }
    }
}
