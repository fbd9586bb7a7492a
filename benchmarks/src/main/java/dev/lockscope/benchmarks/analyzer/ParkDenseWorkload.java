package dev.lockscope.benchmarks.analyzer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A park-dense contended program for making large recordings: several {@link ReentrantLock}s, a read-write
 * lock, hot monitors, a condition hand-off and an {@code Object.wait} ping-pong, each reached through call
 * paths of random depth so that the recording holds many distinct stacks (as a real service's would).
 */
final class ParkDenseWorkload {
    private static final int LOCKS = 4;

    private final AtomicBoolean stop = new AtomicBoolean();
    private final ReentrantLock[] locks = new ReentrantLock[LOCKS];
    private final long[] balances = new long[LOCKS];
    private final Object[] monitors = {new Object(), new StringBuilder(), new ArrayList<>()};
    private final long[] monitorCounts = new long[3];
    private final ReentrantReadWriteLock table = new ReentrantReadWriteLock();
    private final ReentrantLock handOff = new ReentrantLock();
    private final Condition filled = handOff.newCondition();
    private final Condition emptied = handOff.newCondition();
    private long slot = -1;
    private final Object pingPong = new Object();
    private boolean ping;
    private final List<Thread> threads = new ArrayList<>();

    ParkDenseWorkload() {
        for (int i = 0; i < LOCKS; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** Starts {@code lockThreads} threads on the j.u.c. locks and {@code monitorThreads} on the monitors. */
    void start(int lockThreads, int monitorThreads) {
        for (int i = 0; i < lockThreads; i++) {
            threads.add(new Thread(this::lockLoop, "lock-worker-" + i));
        }
        for (int i = 0; i < monitorThreads; i++) {
            threads.add(new Thread(this::monitorLoop, "monitor-worker-" + i));
        }
        for (int i = 0; i < 2; i++) {
            threads.add(new Thread(this::tableLoop, "table-writer-" + i));
        }
        threads.add(new Thread(this::produce, "producer"));
        threads.add(new Thread(this::consume, "consumer"));
        threads.add(new Thread(() -> pingPongLoop(true), "ping"));
        threads.add(new Thread(() -> pingPongLoop(false), "pong"));
        threads.forEach(t -> {
            t.setDaemon(true);
            t.start();
        });
    }

    void stop() throws InterruptedException {
        stop.set(true);
        handOff.lock();
        try {
            filled.signalAll();
            emptied.signalAll();
        } finally {
            handOff.unlock();
        }
        synchronized (pingPong) {
            pingPong.notifyAll();
        }
        for (Thread t : threads) {
            t.join(5_000);
        }
    }

    private void lockLoop() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        while (!stop.get()) {
            int which = r.nextInt(LOCKS);
            descend(r.nextInt(7), r.nextInt(), () -> post(which));
        }
    }

    private void post(int which) {
        ReentrantLock l = locks[which];
        l.lock();
        try {
            balances[which] += Long.hashCode(balances[which]) & 7;
            Thread.onSpinWait();
        } finally {
            l.unlock();
        }
    }

    private void monitorLoop() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        while (!stop.get()) {
            int which = r.nextInt(monitors.length);
            descend(r.nextInt(7), r.nextInt(), () -> touch(which));
        }
    }

    private void touch(int which) {
        synchronized (monitors[which]) {
            monitorCounts[which]++;
            for (int i = 0; i < 300; i++) {
                Thread.onSpinWait();
            }
        }
    }

    private void tableLoop() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        while (!stop.get()) {
            if (r.nextInt(4) == 0) {
                table.writeLock().lock();
                try {
                    balances[0]++;
                } finally {
                    table.writeLock().unlock();
                }
            } else {
                descend(r.nextInt(3), r.nextInt(), this::read);
            }
        }
    }

    private void read() {
        table.readLock().lock();
        try {
            Thread.onSpinWait();
        } finally {
            table.readLock().unlock();
        }
    }

    private void produce() {
        long n = 0;
        while (!stop.get()) {
            handOff.lock();
            try {
                while (slot >= 0 && !stop.get()) {
                    emptied.awaitUninterruptibly();
                }
                slot = n++;
                filled.signal();
            } finally {
                handOff.unlock();
            }
        }
    }

    private void consume() {
        while (!stop.get()) {
            handOff.lock();
            try {
                while (slot < 0 && !stop.get()) {
                    filled.awaitUninterruptibly();
                }
                slot = -1;
                emptied.signal();
            } finally {
                handOff.unlock();
            }
        }
    }

    private void pingPongLoop(boolean mine) {
        while (!stop.get()) {
            synchronized (pingPong) {
                while (ping != mine && !stop.get()) {
                    try {
                        pingPong.wait(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                ping = !mine;
                pingPong.notifyAll();
            }
            // Some work between turns, so that condition waits stay a minority of the events, as in real programs.
            for (int i = 0; i < 300; i++) {
                Thread.onSpinWait();
            }
        }
    }

    /** Calls {@code work} {@code depth} frames down, each frame one of two methods chosen by {@code path}'s bits. */
    static void descend(int depth, int path, Runnable work) {
        if (depth == 0) {
            work.run();
        } else if ((path & 1) == 0) {
            left(depth - 1, path >>> 1, work);
        } else {
            right(depth - 1, path >>> 1, work);
        }
    }

    private static void left(int depth, int path, Runnable work) {
        descend(depth, path, work);
    }

    private static void right(int depth, int path, Runnable work) {
        descend(depth, path, work);
    }
}
