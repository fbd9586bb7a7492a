package dev.lockscope.agent.it;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Contention planted on virtual threads (JDK 21+; built for Java 17, so virtual threads are made through reflection):
 * four named virtual threads ({@code vjuc-0..3}) take a {@code ReentrantLock} for ARGS[0] ms, then four unnamed ones
 * take a {@code synchronized} block for as long. It counts its own waits: acquisitions that took 1 ms or more by its
 * clock. ARGS[1], the mode:
 * <ul>
 * <li>{@code sleep} (default): each holds 30 ms asleep (the holder unmounts too), then sleeps 5 ms outside, so the
 * thread a release wakes takes the lock: every acquisition but a few waits;</li>
 * <li>{@code spin}: each holds 30 ms on the CPU and spins 10 ms more after the release (work outside the lock): holders
 * stay mounted, so their carrier's CPU time is theirs, and a thread that took the monitor after a wait blocks on it
 * again without unmounting in between;</li>
 * <li>{@code tight}: 30 ms asleep and nothing outside: the releasing thread takes the lock straight back (neither
 * lock is fair) before the thread it woke runs, which finds it taken and waits on, in the same acquisition: few waits,
 * each long.</li>
 * </ul>
 * ARGS[2], if given, is the number of threads of each kind (4). Then it sleeps 2.5 s so the agent's last periodic
 * summaries are written, and prints {@code juc N monitor M monitorThreads #id,#id,...} (the unnamed threads' ids).
 */
public final class VirtualContentionApp {
    static final long WAIT_NANOS = 1_000_000L;
    static final AtomicLong JUC_WAITS = new AtomicLong();
    static final AtomicLong MONITOR_WAITS = new AtomicLong();
    static String mode = "sleep";

    public static void main(String[] args) throws Exception {
        long ms = Long.parseLong(args[0]);
        mode = args.length > 1 ? args[1] : "sleep";
        if (!mode.equals("sleep") && !mode.equals("spin") && !mode.equals("tight")) {
            throw new IllegalArgumentException("mode must be sleep, spin or tight, not " + mode);
        }
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        ReentrantLock lock = new ReentrantLock(); // VIRTUAL-JUC-SITE
        Object monitor = new Object();
        long end = System.nanoTime() + ms * 1_000_000L;
        List<Thread> juc = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            juc.add(virtual("vjuc-" + i, () -> jucLoop(lock, end)));
        }
        join(juc);
        long end2 = System.nanoTime() + ms * 1_000_000L;
        List<Thread> mon = new ArrayList<>();
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < threads; i++) {
            Thread t = virtual(null, () -> monitorLoop(monitor, end2));
            mon.add(t);
            ids.append(i == 0 ? "" : ",").append('#').append(t.getId());
        }
        join(mon);
        Thread.sleep(2500);
        System.out.println("juc " + JUC_WAITS.get() + " monitor " + MONITOR_WAITS.get() + " monitorThreads " + ids);
    }

    static void jucLoop(ReentrantLock lock, long end) {
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            lock.lock();
            try {
                if (System.nanoTime() - t0 >= WAIT_NANOS) {
                    JUC_WAITS.incrementAndGet();
                }
                hold();
            } finally {
                lock.unlock();
            }
            outside();
        }
    }

    static void monitorLoop(Object monitor, long end) {
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            synchronized (monitor) { // VIRTUAL-MONITOR-SITE
                if (System.nanoTime() - t0 >= WAIT_NANOS) {
                    MONITOR_WAITS.incrementAndGet();
                }
                hold();
            }
            outside();
        }
    }

    /** A started virtual thread, named unless {@code name} is null. */
    static Thread virtual(String name, Runnable body) throws Exception {
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
        if (name != null) {
            builder = ofVirtual.getMethod("name", String.class).invoke(builder, name);
        }
        Method start = ofVirtual.getMethod("start", Runnable.class);
        return (Thread) start.invoke(builder, body);
    }

    static void join(List<Thread> threads) throws InterruptedException {
        for (Thread t : threads) {
            t.join();
        }
    }

    /** 30 ms under the lock: asleep (unmounted), or on the CPU in mode {@code spin}. */
    static void hold() {
        if (mode.equals("spin")) {
            spin(30);
        } else {
            sleep(30);
        }
    }

    /** After the release: 5 ms asleep, 10 ms on the CPU in mode {@code spin}, nothing in mode {@code tight}. */
    static void outside() {
        if (mode.equals("spin")) {
            spin(10);
        } else if (mode.equals("sleep")) {
            sleep(5);
        }
    }

    static void spin(long ms) {
        long until = System.nanoTime() + ms * 1_000_000L;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
