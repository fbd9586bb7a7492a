package dev.lockscope.agent.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/**
 * Planted contention for the agent's integration tests. Each round, a hog thread takes a lock and holds it
 * for {@link #HOG_HOLD_MS} while {@link #WAITERS} threads try to take it, so every waiter acquisition is
 * contended: expected waits per lock = ROUNDS x WAITERS. Lines marked PLANTED-* are looked up by the tests.
 * Prints "planted done" and nothing else on stdout.
 */
public final class PlantedApp {
    static final int ROUNDS = 20;
    static final int WAITERS = 3;
    static final long HOG_HOLD_MS = 15;
    static final long WAITER_HOLD_MS = 1;

    static final ReentrantLock HOT = new ReentrantLock(); // PLANTED-HOT
    static final ReentrantReadWriteLock RW = new ReentrantReadWriteLock(); // PLANTED-RW
    static final Semaphore SEM = new Semaphore(1); // PLANTED-SEM
    static final StampedLock STAMPED = new StampedLock(); // PLANTED-STAMPED
    static final ReentrantLock COND_LOCK = new ReentrantLock(); // PLANTED-COND
    static final Object MONITOR = new PlantedMonitor();

    /** A class of its own so the monitor is recognisable by its class too. */
    static final class PlantedMonitor {
    }

    interface Section {
        void hold(Runnable body) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        long tailMs = args.length > 0 ? Long.parseLong(args[0]) : 2500;
        contend("hot", body -> {
            HOT.lock();
            try {
                body.run();
            } finally {
                HOT.unlock();
            }
        }, body -> {
            HOT.lock();
            try {
                body.run();
            } finally {
                HOT.unlock();
            }
        });
        contend("rw", body -> {
            RW.writeLock().lock();
            try {
                body.run();
            } finally {
                RW.writeLock().unlock();
            }
        }, body -> {
            RW.readLock().lock();
            try {
                body.run();
            } finally {
                RW.readLock().unlock();
            }
        });
        contend("sem", body -> {
            SEM.acquire();
            try {
                body.run();
            } finally {
                SEM.release();
            }
        }, body -> {
            SEM.acquire();
            try {
                body.run();
            } finally {
                SEM.release();
            }
        });
        contend("stamped", body -> {
            long s = STAMPED.writeLock();
            try {
                body.run();
            } finally {
                STAMPED.unlockWrite(s);
            }
        }, body -> {
            long s = STAMPED.writeLock();
            try {
                body.run();
            } finally {
                STAMPED.unlockWrite(s);
            }
        });
        contend("monitor", body -> {
            synchronized (MONITOR) {
                body.run();
            }
        }, body -> {
            synchronized (MONITOR) {
                body.run(); // PLANTED-MONITOR-WAIT (the JDK's monitor event names the line after the monitor enter)
            }
        });
        conditionWaits();
        Thread.sleep(tailMs); // let the 1 s periodic summaries cover everything
        System.out.println("planted done");
    }

    /** Condition waits: 10 timed awaits of 20 ms each, which must not count as lock waits. */
    private static void conditionWaits() throws InterruptedException {
        Condition c = COND_LOCK.newCondition();
        COND_LOCK.lock();
        try {
            for (int i = 0; i < 10; i++) {
                c.await(20, TimeUnit.MILLISECONDS);
            }
        } finally {
            COND_LOCK.unlock();
        }
    }

    private static void contend(String name, Section hog, Section waiter) throws Exception {
        for (int r = 0; r < ROUNDS; r++) {
            Object[] started = {Boolean.FALSE};
            List<Thread> ws = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread hogThread = new Thread(() -> run(() -> {
                hog.hold(() -> {
                    synchronized (started) {
                        started[0] = Boolean.TRUE;
                        started.notifyAll();
                    }
                    sleep(HOG_HOLD_MS);
                    // Hold on until every waiter is queued on this lock, so each of their acquisitions is contended
                    // and begins while the hog owns the lock, even on a loaded machine.
                    long deadline = System.nanoTime() + 10_000_000_000L;
                    while (!allQueued(ws) && System.nanoTime() < deadline) {
                        sleep(1);
                    }
                });
                // Stay alive until the waiters are done: JFR resolves a wait event's owner (a Thread field) only
                // while that thread is alive when the event is committed, at the end of the wait.
                for (Thread t : ws) {
                    t.join();
                }
            }), "planted-hog");
            hogThread.start();
            synchronized (started) {
                while (started[0] != Boolean.TRUE) {
                    started.wait();
                }
            }
            for (int w = 0; w < WAITERS; w++) {
                Thread t = new Thread(() -> run(() -> waiter.hold(() -> sleep(WAITER_HOLD_MS))), "planted-waiter-" + w);
                t.start();
                ws.add(t);
            }
            hogThread.join();
            for (Thread t : ws) {
                t.join();
            }
        }
    }

    /**
     * Every waiter is parked in the planted lock's acquire (or blocked entering the planted monitor), not merely
     * WAITING/BLOCKED somewhere: in the first round the three waiters link the same lambdas at once and can block
     * each other on class-definition or linkage locks, which a bare thread-state check took for "queued".
     */
    private static boolean allQueued(List<Thread> ws) {
        if (ws.size() < WAITERS) {
            return false;
        }
        for (Thread t : ws) {
            Thread.State st = t.getState();
            StackTraceElement[] stack = t.getStackTrace();
            boolean queued = st == Thread.State.WAITING ? inLockAcquire(stack)
                    : st == Thread.State.BLOCKED && stack.length > 0 && stack[0].getClassName().equals(PlantedApp.class.getName());
            if (!queued) {
                return false;
            }
        }
        return true;
    }

    private static boolean inLockAcquire(StackTraceElement[] stack) {
        for (StackTraceElement e : stack) {
            String c = e.getClassName();
            // AbstractQueuedSynchronizer, or AbstractQueuedLongSynchronizer (JDK 25's ReentrantReadWriteLock), or StampedLock.
            if ((c.startsWith("java.util.concurrent.locks.AbstractQueued") || c.equals("java.util.concurrent.locks.StampedLock"))
                    && e.getMethodName().startsWith("acquire")) {
                return true;
            }
        }
        return false;
    }

    interface Body {
        void run() throws Exception;
    }

    private static void run(Body b) {
        try {
            b.run();
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
