package dev.lockscope.probe;

import java.util.concurrent.locks.LockSupport;

/**
 * Exact futex counting in bounded windows. Any sys_enter hook taxes every system call on the machine, so the
 * counter is attached only inside windows: explicitly ({@link #startWindow()}/{@link #stopWindow()}) or by a
 * duty cycle ({@code -Dlockscope.probe.futexDuty=WINDOW_MS/PERIOD_MS}, off by default). Counts carry the time
 * they cover.
 */
public final class FutexCounting {
    private final EbpfTracker tracker;
    private final Capability capability;
    private long coveredNs;
    private long windows;
    private long windowStartNs;
    private volatile boolean counting;
    /** Bumped when a window opens and when it closes: odd while one is open. */
    private volatile int epoch;
    private Thread duty;

    FutexCounting(EbpfTracker tracker, Capability capability) {
        this.tracker = tracker;
        this.capability = capability;
    }

    public Capability capability() {
        return capability;
    }

    public boolean available() {
        return capability.available();
    }

    public boolean counting() {
        return counting;
    }

    /**
     * A window number readable with one load: odd while a window is open. Two futex readings taken under the
     * same odd epoch were both inside one window, so their difference counts every call in between.
     */
    public int windowEpoch() {
        return epoch;
    }

    /** Attaches the counter; returns null on success or the reason it could not be attached. */
    public synchronized String startWindow() {
        if (tracker == null) {
            return capability.reason();
        }
        if (counting) {
            return null;
        }
        String failure = tracker.attachFutex();
        if (failure == null) {
            windowStartNs = System.nanoTime();
            windows++;
            counting = true;
            epoch++;
        }
        return failure;
    }

    /** Detaches the counter, closing the current window. */
    public synchronized void stopWindow() {
        if (tracker == null || !counting) {
            return;
        }
        tracker.detachFutex();
        coveredNs += System.nanoTime() - windowStartNs;
        counting = false;
        epoch++;
    }

    /** Runs windows of {@code windowMs} every {@code periodMs} on a daemon thread until {@link #stopDutyCycle()}. */
    public synchronized boolean startDutyCycle(long windowMs, long periodMs) {
        if (tracker == null || duty != null || windowMs <= 0 || periodMs < windowMs) {
            return false;
        }
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                startWindow();
                LockSupport.parkNanos(windowMs * 1_000_000L);
                stopWindow();
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
                LockSupport.parkNanos((periodMs - windowMs) * 1_000_000L);
            }
        }, "lockscope-futex-duty");
        t.setDaemon(true);
        duty = t;
        t.start();
        return true;
    }

    /** True while a duty cycle (from {@link #startDutyCycle} or {@code lockscope.probe.futexDuty}) runs. */
    public synchronized boolean dutyCycleRunning() {
        return duty != null;
    }

    public synchronized void stopDutyCycle() {
        if (duty != null) {
            duty.interrupt();
            duty = null;
        }
        stopWindow();
    }

    /** The counts for tid with the windows they cover. */
    public FutexCounts counts(int tid) {
        if (tracker == null) {
            return FutexCounts.unknown(tid, capability.reason());
        }
        long covered;
        long w;
        synchronized (this) {
            covered = coveredNs + (counting ? System.nanoTime() - windowStartNs : 0);
            w = windows;
        }
        ThreadCounters c = tracker.counters(tid, System.nanoTime());
        if (c == null) {
            return FutexCounts.unknown(tid, tracker.closed() ? "probe closed" : "thread not seen by sched_switch yet");
        }
        return new FutexCounts(tid, c.futexWaits(), c.futexWakes(), c.futexOther(), covered, w, Provenance.MEASURED_EBPF,
                "eBPF raw tracepoint sys_enter (futex=202)");
    }
}
