package dev.lockscope.agent.it;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Owners that hold a lock while on a CPU and while off it, for the agent's native-probe join. Phase "spin":
 * the owner holds SPIN_HELD for {@link #HOLD_MS} busy-spinning; phase "sleep": the owner holds SLEEP_HELD
 * sleeping. A waiter contends each hold. Prints, per phase, the owner's own on-CPU share of its holds from its
 * thread CPU clock (ground truth, to tell a loaded machine from a wrong figure), then "probejoin done".
 */
public final class ProbeJoinApp {
    static final int ROUNDS = 60;
    static final long HOLD_MS = 20;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    static final ReentrantLock SPIN_HELD = new ReentrantLock(); // PROBEJOIN-SPIN
    static final ReentrantLock SLEEP_HELD = new ReentrantLock(); // PROBEJOIN-SLEEP

    public static void main(String[] args) throws Exception {
        double spin = phase("spin", SPIN_HELD, true);
        double sleep = phase("sleep", SLEEP_HELD, false);
        System.out.printf("truth|spin|%.3f%ntruth|sleep|%.3f%n", spin, sleep);
        // Let the periodic summaries of the last second reach the recording.
        Thread.sleep(Long.parseLong(args.length > 0 ? args[0] : "2500"));
        System.out.println("probejoin done");
    }

    /** Runs one phase; returns the owner's on-CPU ns (thread CPU clock) over its held wall time. */
    private static double phase(String name, ReentrantLock lock, boolean spin) throws Exception {
        long[] onAndHeld = new long[2];
        Thread owner = new Thread(() -> {
            try {
                for (int i = 0; i < ROUNDS; i++) {
                    lock.lock();
                    try {
                        long t0 = System.nanoTime();
                        long on0 = onCpuNs();
                        if (spin) {
                            while (System.nanoTime() - t0 < HOLD_MS * 1_000_000L) {
                                Thread.onSpinWait();
                            }
                        } else {
                            Thread.sleep(HOLD_MS);
                        }
                        onAndHeld[0] += onCpuNs() - on0;
                        onAndHeld[1] += System.nanoTime() - t0;
                    } finally {
                        lock.unlock();
                    }
                    Thread.sleep(3); // let the waiter in, so every hold is contended afresh
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, name + "-owner");
        Thread waiter = new Thread(() -> {
            try {
                while (owner.isAlive()) {
                    lock.lock();
                    lock.unlock();
                    Thread.sleep(1);
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

    /** The thread's own CPU time, exact (CLOCK_THREAD_CPUTIME_ID; /proc schedstat lags up to a tick for a running thread). */
    private static long onCpuNs() {
        return THREADS.getCurrentThreadCpuTime();
    }
}
