package dev.lockscope.analyzer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Contention on virtual threads (JDK 21+, reached by reflection: this code is compiled for Java 17): four unnamed
 * virtual threads take a ReentrantLock, then four take a synchronized block, each holding for 30 ms (asleep) and then
 * sleeping 5 ms outside (so the thread a release wakes takes the lock, rather than the releasing one taking it straight
 * back), for ARGS[0] ms per phase. With ARGS[1] {@code platform} the same on platform threads, which the JDK's events do
 * record. It counts its own waits, acquisitions that took {@link #WAIT_NANOS} or more by its clock, and prints
 * {@code juc N monitor M}; with ARGS[1] {@code linger} it then sleeps 1.5 s, so the lockscope agent writes its
 * periodic (1 s) summaries of the last waits before the JVM exits.
 */
public final class VirtualLockProgram {
    static final ReentrantLock LOCK = new ReentrantLock();
    static final Object MONITOR = new Object();
    static final long WAIT_NANOS = 1_000_000L;
    static final AtomicLong JUC_WAITS = new AtomicLong();
    static final AtomicLong MONITOR_WAITS = new AtomicLong();

    private VirtualLockProgram() {
    }

    public static void main(String[] args) throws Exception {
        long ms = Long.parseLong(args[0]);
        boolean platform = args.length > 1 && args[1].equals("platform");
        phase(ms, platform, () -> {
            long t0 = System.nanoTime();
            LOCK.lock();
            try {
                count(t0, JUC_WAITS);
                sleep();
            } finally {
                LOCK.unlock();
            }
        });
        phase(ms, platform, () -> {
            long t0 = System.nanoTime();
            synchronized (MONITOR) {
                count(t0, MONITOR_WAITS);
                sleep();
            }
        });
        System.out.println("juc " + JUC_WAITS.get() + " monitor " + MONITOR_WAITS.get());
        if (args.length > 1 && args[1].equals("linger")) {
            Thread.sleep(1500);
        }
    }

    private static void count(long askedAt, AtomicLong waits) {
        if (System.nanoTime() - askedAt >= WAIT_NANOS) {
            waits.incrementAndGet();
        }
    }

    private static void phase(long ms, boolean platform, Runnable hold) throws Exception {
        long end = System.nanoTime() + ms * 1_000_000L;
        Runnable loop = () -> {
            while (System.nanoTime() < end) {
                hold.run();
                sleep(5);
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
        sleep(30);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
