package dev.lockscope.analyzer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Contention on virtual threads (JDK 21+, reached by reflection: this code is compiled for Java 17): four unnamed
 * virtual threads take a ReentrantLock, then four take a synchronized block, each holding for 30 ms (asleep) for ARGS[0]
 * ms per phase. With ARGS[1] {@code platform} the same on platform threads, which the JDK's events do record.
 */
public final class VirtualLockProgram {
    static final ReentrantLock LOCK = new ReentrantLock();
    static final Object MONITOR = new Object();

    private VirtualLockProgram() {
    }

    public static void main(String[] args) throws Exception {
        long ms = Long.parseLong(args[0]);
        boolean platform = args.length > 1 && args[1].equals("platform");
        phase(ms, platform, () -> {
            LOCK.lock();
            try {
                sleep();
            } finally {
                LOCK.unlock();
            }
        });
        phase(ms, platform, () -> {
            synchronized (MONITOR) {
                sleep();
            }
        });
    }

    private static void phase(long ms, boolean platform, Runnable hold) throws Exception {
        long end = System.nanoTime() + ms * 1_000_000L;
        Runnable loop = () -> {
            while (System.nanoTime() < end) {
                hold.run();
            }
        };
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            if (platform) {
                Thread t = new Thread(loop);
                t.start();
                threads.add(t);
            } else {
                Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
                threads.add((Thread) Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class)
                        .invoke(builder, loop));
            }
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(30);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
