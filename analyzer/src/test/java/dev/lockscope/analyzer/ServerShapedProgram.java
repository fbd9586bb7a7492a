package dev.lockscope.analyzer;

import java.util.Hashtable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A server's shape: {@link #IDLE_THREADS} pool threads parked for work that never comes (their parks never end, so
 * the recording has no event for them) beside {@link #BUSY_THREADS} busy threads that share one {@link Hashtable}.
 * Each busy thread holds the table's monitor for about a tenth of its loop, so with four threads on a small machine
 * they lose a good part of their time waiting for it: a lock worth fixing, though it is a fraction of a percent of
 * all live threads' time. With argument {@code busy}, no idle pool: every thread works.
 */
public final class ServerShapedProgram {
    static final int IDLE_THREADS = 200;
    static final int BUSY_THREADS = 4;
    static final long RUN_MILLIS = 4_000;
    /** Work inside the monitor and between acquisitions: long enough that waits pass the 20 us recording threshold. */
    static final long INSIDE_NANOS = 40_000;
    static final long OUTSIDE_NANOS = 360_000;

    private ServerShapedProgram() {
    }

    public static void main(String[] args) throws Exception {
        boolean withIdlePool = args.length == 0 || !args[0].equals("busy");
        // Daemon threads left parked at exit: shutting 200 workers down at once would plant contention of its own.
        ThreadPoolExecutor pool = new ThreadPoolExecutor(IDLE_THREADS, IDLE_THREADS, 1, TimeUnit.HOURS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r);
                    t.setDaemon(true);
                    return t;
                });
        if (withIdlePool) {
            pool.prestartAllCoreThreads();
        }
        Hashtable<Integer, Long> table = new Hashtable<>();
        long end = System.nanoTime() + RUN_MILLIS * 1_000_000L;
        Thread[] busy = new Thread[BUSY_THREADS];
        for (int t = 0; t < busy.length; t++) {
            int id = t;
            busy[t] = new Thread(() -> {
                long sink = 0;
                while (System.nanoTime() < end) {
                    synchronized (table) {
                        table.merge(id, spin(INSIDE_NANOS), Long::sum);
                    }
                    sink += spin(OUTSIDE_NANOS);
                }
                if (sink == 42) {
                    System.out.println();
                }
            }, "busy-" + t);
            busy[t].start();
        }
        for (Thread t : busy) {
            t.join();
        }
    }

    /** Burns CPU for about {@code nanos}. */
    static long spin(long nanos) {
        long until = System.nanoTime() + nanos;
        long x = 0;
        while (System.nanoTime() < until) {
            x++;
        }
        return x;
    }
}
