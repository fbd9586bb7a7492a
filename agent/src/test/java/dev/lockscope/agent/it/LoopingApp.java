package dev.lockscope.agent.it;

import java.util.concurrent.locks.ReentrantLock;

/** Contends one lock from 3 threads for {@code args[0]} seconds; prints "looping ready" once running. For attach tests. */
public final class LoopingApp {
    static final ReentrantLock LOCK = new ReentrantLock();

    public static void main(String[] args) throws Exception {
        long end = System.nanoTime() + Long.parseLong(args[0]) * 1_000_000_000L;
        Thread[] ts = new Thread[3];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = new Thread(() -> {
                while (System.nanoTime() < end) {
                    work();
                }
            }, "looping-" + i);
            ts[i].start();
        }
        System.out.println("looping ready");
        for (Thread t : ts) {
            t.join();
        }
    }

    static void work() {
        LOCK.lock(); // LOOPING-ACQUIRE
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            LOCK.unlock();
        }
    }
}
