package dev.lockscope.agent.it;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Monitor owners on and off a CPU, for the owner on-CPU share of {@code synchronized} waits. Phase "spin": the
 * owner holds a {@link SpinMonitor} for {@link #HOLD_MS} busy-spinning; phase "sleep": it holds a
 * {@link SleepMonitor} sleeping. A waiter contends each hold. Prints each owner's own on-CPU share of its holds
 * (thread CPU clock: ground truth for a loaded machine) and how long each phase's contention lasted, then
 * "monshare done".
 *
 * <p>How long a phase lasts follows from the agent's design, not from luck. Its waits can get a share only once the
 * snapshots are fast, and the agent turns them fast at the latest when the first wait's event reaches its stream:
 * {@link #HOLD_MS} (the wait ends) plus {@link #STREAM_DELIVERY_MS} (the JDK hands the stream its events about once
 * a second); sooner when an idle wake-up, one every {@code OnCpuSnapshots.IDLE_INTERVAL_MS}, sees a wait going on.
 * A loaded machine may deliver one period late: {@link #UNMEASURED_MS} in all. Every hold that starts after that
 * starts between fast snapshots, and a phase has {@link #MEASURED_HOLDS} of them.
 */
public final class MonitorShareApp {
    /** 50 ms holds: 5 ms snapshots resolve them to within 0.05, leaving room for a late snapshot. */
    static final long HOLD_MS = 50;
    /** One round: a hold, then the owner's 5 ms out of it. */
    static final long ROUND_MS = HOLD_MS + 5;
    /** The JDK's RecordingStream hands over events about once a second (its flush period). */
    static final long STREAM_DELIVERY_MS = 1_000;
    /**
     * How long the start of a phase may go without fast snapshots: the first wait, its delivery, and one more
     * delivery period for a loaded machine. (Before the snapshot thread was woken by the first event, its idle
     * sleep, up to IDLE_INTERVAL_MS, came on top, and the 2.2 s phases of then were measured only by luck.)
     */
    static final long UNMEASURED_MS = HOLD_MS + 2 * STREAM_DELIVERY_MS;
    /** Holds per phase that start after UNMEASURED_MS: each must find fast snapshots. */
    static final int MEASURED_HOLDS = 30;
    static final int ROUNDS = (int) ((UNMEASURED_MS + ROUND_MS - 1) / ROUND_MS) + MEASURED_HOLDS;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    static final class SpinMonitor {
    }

    static final class SleepMonitor {
    }

    public static void main(String[] args) throws Exception {
        // Let the agent's monitor stream and its clock marks start before the first hold.
        Thread.sleep(1500);
        double[] spin = phase("spin", new SpinMonitor(), true);
        double[] sleep = phase("sleep", new SleepMonitor(), false);
        System.out.printf("truth|spin|%.3f%ntruth|sleep|%.3f%n", spin[0], sleep[0]);
        System.out.printf("span|spin|%.0f%nspan|sleep|%.0f%n", spin[1], sleep[1]);
        // The JDK's monitor events reach the agent's stream about a second late, then one summary period.
        Thread.sleep(Long.parseLong(args.length > 0 ? args[0] : "3500"));
        System.out.println("monshare done");
    }

    /** @return the owner's on-CPU share of its holds, and the phase's length in ms (first hold to last) */
    private static double[] phase(String name, Object monitor, boolean spin) throws Exception {
        long[] onAndHeld = new long[2];
        long start = System.nanoTime();
        Thread owner = new Thread(() -> {
            try {
                for (int i = 0; i < ROUNDS; i++) {
                    synchronized (monitor) {
                        long t0 = System.nanoTime();
                        long on0 = THREADS.getCurrentThreadCpuTime();
                        if (spin) {
                            while (System.nanoTime() - t0 < HOLD_MS * 1_000_000L) {
                                Thread.onSpinWait();
                            }
                        } else {
                            Thread.sleep(HOLD_MS);
                        }
                        onAndHeld[0] += THREADS.getCurrentThreadCpuTime() - on0;
                        onAndHeld[1] += System.nanoTime() - t0;
                    }
                    Thread.sleep(5); // let the waiter in, so every hold is contended afresh
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, name + "-owner");
        Thread waiter = new Thread(() -> {
            try {
                while (owner.isAlive()) {
                    synchronized (monitor) {
                        monitor.hashCode();
                    }
                    Thread.sleep(2);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name + "-waiter");
        owner.start();
        waiter.start();
        owner.join();
        waiter.join();
        double span = (System.nanoTime() - start) / 1e6;
        return new double[] {onAndHeld[1] == 0 ? -1 : onAndHeld[0] / (double) onAndHeld[1], span};
    }
}
