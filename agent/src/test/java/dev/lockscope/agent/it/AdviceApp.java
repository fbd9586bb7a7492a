package dev.lockscope.agent.it;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A planted lock for the agent's own advice: three threads take turns on one ReentrantLock (holds of a few
 * microseconds, shorter work outside, so they wait most of the time: well over 1% of the JVM's thread-time) for
 * {@code args[0]} ms, long enough for several advice rounds; then "advice done".
 */
public final class AdviceApp {
    static final ReentrantLock LOCK = new ReentrantLock(); // ADVICE-LOCK

    public static void main(String[] args) throws Exception {
        long millis = Long.parseLong(args.length > 0 ? args[0] : "6000");
        long end = System.nanoTime() + millis * 1_000_000L;
        Runnable work = new BusyLockLoop(() -> LOCK, 2000, 200, () -> end);
        Thread[] threads = {new Thread(work, "advice-a"), new Thread(work, "advice-b"), new Thread(work, "advice-c")};
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        // One more round so the last advice reaches the recording.
        Thread.sleep(1500);
        System.out.println("advice done");
    }
}
