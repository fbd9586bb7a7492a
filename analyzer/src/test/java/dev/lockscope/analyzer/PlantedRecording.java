package dev.lockscope.analyzer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import jdk.jfr.Recording;

/**
 * Makes real JFR recordings in this JVM with known contention planted in them: a monitor and a ReentrantLock
 * each held for a known time while a known number of threads block on it, and a condition wait. The tests
 * compare what the analyzer reports against these known numbers.
 */
public final class PlantedRecording {
    public static final int ROUNDS = 5;
    public static final int WAITERS = 4;
    static final long MONITOR_HOLD_MS = 40;
    static final long LOCK_HOLD_MS = 30;
    static final long CONDITION_WAIT_MS = 100;
    static final int CONDITION_WAITS = 3;
    static final String HOLDER = "planted-holder";

    /** The planted monitor: its class name identifies it in the report. */
    public static final class PlantedMonitor {
    }

    final PlantedMonitor monitor = new PlantedMonitor();
    final ReentrantLock lock = new ReentrantLock();
    final ReentrantLock conditionLock = new ReentrantLock();
    final Condition condition = conditionLock.newCondition();
    /** Wait times measured by the waiters themselves around each acquisition: the independent count. */
    final AtomicLong measuredMonitorWaitNanos = new AtomicLong();
    final AtomicLong measuredLockWaitNanos = new AtomicLong();

    public static Recording lockRecording() {
        Recording r = new Recording();
        for (String e : List.of("jdk.JavaMonitorEnter", "jdk.JavaMonitorWait", "jdk.ThreadPark")) {
            r.enable(e).withThreshold(Duration.ZERO).withStackTrace();
        }
        r.enable("jdk.JavaThreadStatistics").withPeriod(Duration.ofMillis(200));
        r.enable("jdk.GarbageCollection");
        r.enable("jdk.JVMInformation");
        r.enable("jdk.ActiveSetting");
        return r;
    }

    /**
     * Runs the planted contention without starting a recording of its own, for a child JVM started with
     * {@code -XX:StartFlightRecording} (a plain JDK recording).
     */
    public static void main(String[] args) throws Exception {
        PlantedRecording p = new PlantedRecording();
        p.contendOnMonitor();
        p.contendOnLock();
        p.waitOnCondition();
        System.out.println("monitor.wait.nanos " + p.measuredMonitorWaitNanos.get());
        System.out.println("lock.wait.nanos " + p.measuredLockWaitNanos.get());
    }

    /** Records the planted contention into {@code file}. */
    public static PlantedRecording record(Path file) throws Exception {
        PlantedRecording p = new PlantedRecording();
        try (Recording r = lockRecording()) {
            r.start();
            p.contendOnMonitor();
            p.contendOnLock();
            p.waitOnCondition();
            r.stop();
            r.dump(file);
        }
        return p;
    }

    void contendOnMonitor() throws InterruptedException {
        for (int round = 0; round < ROUNDS; round++) {
            // The holder takes the monitor, lets the waiters pile up behind it, then holds it a known time.
            Thread holder = new Thread(() -> {
                synchronized (monitor) {
                    List<Thread> waiters = startWaiters("monitor-waiter", () -> {
                        long t0 = System.nanoTime();
                        synchronized (monitor) {
                            measuredMonitorWaitNanos.addAndGet(System.nanoTime() - t0);
                        }
                    });
                    awaitStateUnchecked(waiters, Thread.State.BLOCKED);
                    sleep(MONITOR_HOLD_MS);
                    waitersOfRound = waiters;
                }
            }, HOLDER);
            holder.start();
            holder.join();
            for (Thread t : waitersOfRound) {
                t.join();
            }
        }
    }

    private volatile List<Thread> waitersOfRound = List.of();

    void contendOnLock() throws InterruptedException {
        for (int round = 0; round < ROUNDS; round++) {
            lock.lock();
            List<Thread> waiters;
            try {
                waiters = startWaiters("lock-waiter", () -> {
                    long t0 = System.nanoTime();
                    lock.lock();
                    measuredLockWaitNanos.addAndGet(System.nanoTime() - t0);
                    lock.unlock();
                });
                awaitState(waiters, Thread.State.WAITING);
                sleep(LOCK_HOLD_MS);
            } finally {
                lock.unlock();
            }
            for (Thread t : waiters) {
                t.join();
            }
        }
    }

    void waitOnCondition() throws InterruptedException {
        Thread waiter = new Thread(() -> {
            conditionLock.lock();
            try {
                for (int i = 0; i < CONDITION_WAITS; i++) {
                    condition.await(CONDITION_WAIT_MS, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                conditionLock.unlock();
            }
        }, "condition-waiter");
        waiter.start();
        waiter.join();
    }

    private static List<Thread> startWaiters(String name, Runnable body) {
        List<Thread> l = new ArrayList<>();
        for (int i = 0; i < WAITERS; i++) {
            Thread t = new Thread(body, name + "-" + i);
            t.start();
            l.add(t);
        }
        return l;
    }

    /** Waits until every thread is in {@code state}; fails rather than hangs if one never gets there. */
    private static void awaitState(List<Thread> threads, Thread.State state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (Thread t : threads) {
            while (t.getState() != state) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(t.getName() + " is " + t.getState() + ", expected " + state);
                }
                Thread.sleep(1);
            }
        }
    }

    private static void awaitStateUnchecked(List<Thread> threads, Thread.State state) {
        try {
            awaitState(threads, state);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
