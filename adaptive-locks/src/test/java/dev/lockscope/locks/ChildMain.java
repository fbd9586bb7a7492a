package dev.lockscope.locks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Run in a child JVM by {@link ChildJvmTest}: "contend" checks the lock works (prints its policy), "virtual"
 * checks a virtual thread stops spinning quickly while a platform thread with a huge budget keeps spinning.
 */
public final class ChildMain {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("contend")) contend();
        else virtualDoesNotSpinLong();
    }

    private static void contend() throws Exception {
        AdaptiveReentrantLock lock = new AdaptiveReentrantLock();
        long[] counter = new long[1];
        Thread[] ts = new Thread[4];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = new Thread(() -> {
                for (int j = 0; j < 200_000; j++) {
                    lock.lock();
                    try {
                        counter[0]++;
                    } finally {
                        lock.unlock();
                    }
                }
            });
            ts[i].start();
        }
        for (Thread t : ts) t.join();
        System.out.println("counter=" + counter[0]);
        System.out.println("policy=" + lock.policy());
    }

    /** Needs -Dlockscope.locks.minSpinNanos large (e.g. 1 s) and JDK 21+. */
    private static void virtualDoesNotSpinLong() throws Exception {
        TestProbe probe = new TestProbe(); // says the owner is always on a CPU
        ReentrantLock lock = probe.newLock(false);
        SpinPolicy.oracle(probe).registerCurrentThread(); // so waiters can ask the probe about us
        lock.lock();
        Thread platform = new Thread(() -> {
            lock.lock();
            lock.unlock();
        });
        platform.start();
        Thread virtual = (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class)
                .invoke(null, (Runnable) () -> {
                    lock.lock();
                    lock.unlock();
                });
        long start = System.nanoTime();
        TimeUnit.MILLISECONDS.sleep(200);
        boolean platformSpinning = !lock.hasQueuedThread(platform);
        while (!lock.hasQueuedThread(platform)) Thread.onSpinWait();
        // Now the virtual thread may hold the spinner slot: it must give it up within its 1 us cap.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300); // budget is 1 s: only the cap queues it sooner
        while (!lock.hasQueuedThread(virtual) && System.nanoTime() < deadline) Thread.onSpinWait();
        boolean virtualQueuedFast = lock.hasQueuedThread(virtual);
        System.out.println("platformSpinning=" + platformSpinning + " virtualQueuedFast=" + virtualQueuedFast
                + " afterMs=" + (System.nanoTime() - start) / 1_000_000);
        lock.unlock();
        platform.join();
        virtual.join();
    }
}
