package dev.lockscope.agent.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Virtual threads (JDK 21+) hammer one monitor and one ReentrantLock with short holds, some of them unmounting while
 * holding (sleep) and some not, while the main thread forces garbage collections: collections compute the oop maps of
 * threads waiting in the rewritten java.lang.VirtualThread methods, and a lost wake-up would leave a thread blocked
 * for good. ARGS: threads, iterations per thread, and {@code nogc} to leave collections out. Prints {@code monitor N juc M of EXPECTED, stuck K, collections
 * many|few}; plain counters under each lock, so a broken exclusion shows as a lost update.
 */
public final class VirtualStressApp {
    static int monitorCount;
    static int jucCount;

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int iterations = Integer.parseInt(args[1]);
        boolean gc = args.length < 3 || !args[2].equals("nogc");
        Object monitor = new Object();
        ReentrantLock lock = new ReentrantLock();
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int me = t;
            all.add(VirtualContentionApp.virtual(me % 3 == 0 ? "stress-" + me : null, () -> {
                for (int i = 0; i < iterations; i++) {
                    synchronized (monitor) {
                        monitorCount++;
                        if ((i + me) % 16 == 0) {
                            VirtualContentionApp.sleep(1); // the holder unmounts too
                        }
                    }
                    lock.lock();
                    try {
                        jucCount++;
                        if ((i + me) % 16 == 8) {
                            VirtualContentionApp.sleep(1);
                        }
                    } finally {
                        lock.unlock();
                    }
                }
            }));
        }
        int gcs = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && all.stream().anyMatch(Thread::isAlive)) {
            if (gc) {
                System.gc();
                gcs++;
            }
            Thread.sleep(2);
        }
        long stuck = all.stream().filter(Thread::isAlive).count();
        synchronized (monitor) {
            lock.lock();
            try {
                System.out.println("monitor " + monitorCount + " juc " + jucCount + " of " + (long) threads * iterations
                        + ", stuck " + stuck + ", collections " + (gcs > 10 ? "many" : "few"));
            } finally {
                lock.unlock();
            }
        }
        System.exit(0);
    }
}
