package dev.lockscope.agent.it;

import java.util.concurrent.locks.ReentrantLock;

/**
 * For {@code adapt=auto}: one busy thread per core (at least two) takes turns on a ReentrantLock with holds of a
 * couple of microseconds and as much work between them (owners keep running: the adaptive lock's case), while the
 * main thread builds a fresh lock at one site every 200 ms and hands it to the workers. Stops 1 s after a lock
 * built there is an AdaptiveReentrantLock, or after {@code args[0]} ms; prints what the site built first and last.
 */
public final class AutoAdaptApp {
    static volatile ReentrantLock lock = newLock();
    static volatile long stopAt;

    static ReentrantLock newLock() {
        return new ReentrantLock(); // AUTO-SITE
    }

    public static void main(String[] args) throws Exception {
        long millis = Long.parseLong(args.length > 0 ? args[0] : "20000");
        long start = System.nanoTime();
        long end = start + millis * 1_000_000L;
        String first = lock.getClass().getName();
        stopAt = end;
        Runnable work = new BusyLockLoop(() -> lock, 2000, 2000, () -> stopAt);
        int n = Math.max(2, Runtime.getRuntime().availableProcessors());
        Thread[] threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            threads[i] = new Thread(work, "auto-" + i);
            threads[i].start();
        }
        String last = first;
        long adaptedAfterMs = -1;
        while (System.nanoTime() < stopAt) {
            Thread.sleep(200);
            ReentrantLock fresh = newLock();
            lock = fresh;
            last = fresh.getClass().getName();
            if (adaptedAfterMs < 0 && !last.equals(ReentrantLock.class.getName())) {
                adaptedAfterMs = (System.nanoTime() - start) / 1_000_000L;
                stopAt = Math.min(end, System.nanoTime() + 1_000_000_000L); // a second on the adaptive lock
            }
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.println("first " + first);
        System.out.println("last " + last);
        System.out.println("adapted after ms " + adaptedAfterMs);
    }
}
