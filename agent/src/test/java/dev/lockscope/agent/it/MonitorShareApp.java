package dev.lockscope.agent.it;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Monitor owners on and off a CPU, for the owner on-CPU share of {@code synchronized} waits. Phase "spin": the
 * owner holds a {@link SpinMonitor} for {@link #HOLD_MS} busy-spinning; phase "sleep": it holds a
 * {@link SleepMonitor} sleeping. A waiter contends each hold. Prints each owner's own on-CPU share of its holds
 * (thread CPU clock: ground truth for a loaded machine), then "monshare done".
 */
public final class MonitorShareApp {
    static final int ROUNDS = 40;
    /** 50 ms holds: 5 ms snapshots resolve them to within 0.05, leaving room for a late snapshot. */
    static final long HOLD_MS = 50;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    static final class SpinMonitor {
    }

    static final class SleepMonitor {
    }

    public static void main(String[] args) throws Exception {
        // Let the agent's monitor stream and its clock marks start before the first hold.
        Thread.sleep(1500);
        double spin = phase("spin", new SpinMonitor(), true);
        double sleep = phase("sleep", new SleepMonitor(), false);
        System.out.printf("truth|spin|%.3f%ntruth|sleep|%.3f%n", spin, sleep);
        // The JDK's monitor events reach the agent's stream about a second late, then one summary period.
        Thread.sleep(Long.parseLong(args.length > 0 ? args[0] : "3500"));
        System.out.println("monshare done");
    }

    private static double phase(String name, Object monitor, boolean spin) throws Exception {
        long[] onAndHeld = new long[2];
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
        return onAndHeld[1] == 0 ? -1 : onAndHeld[0] / (double) onAndHeld[1];
    }
}
