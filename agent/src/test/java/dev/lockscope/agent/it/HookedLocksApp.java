package dev.lockscope.agent.it;

import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/**
 * Runs every method the agent's JDK lock hooks wrap, each way it can end: contended acquires of a ReentrantLock,
 * a read-write lock and a StampedLock (write and read), and condition waits that time out, are signalled, are
 * interrupted, or throw because the lock is not held. Prints one line per outcome: the hooked methods must behave
 * exactly as without the agent.
 */
public final class HookedLocksApp {
    public static void main(String[] args) throws Exception {
        ReentrantLock lock = new ReentrantLock();
        ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
        StampedLock stamped = new StampedLock();
        // Held by main while the workers start, then let go one by one once the workers wait: each lock is waited for
        // at least once whatever the scheduler does (on a busy machine the workers might otherwise never overlap).
        lock.lock();
        long held = stamped.writeLock();
        rw.writeLock().lock();
        Thread[] workers = new Thread[4];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    lock.lock();
                    try {
                        Thread.onSpinWait();
                    } finally {
                        lock.unlock();
                    }
                    long s = stamped.writeLock();
                    stamped.unlockWrite(s);
                    long r = stamped.readLock();
                    stamped.unlockRead(r);
                    rw.writeLock().lock();
                    rw.writeLock().unlock();
                }
            });
            workers[w].start();
        }
        awaitAllParked(workers);
        lock.unlock();
        awaitAllParked(workers);
        stamped.unlockWrite(held);
        awaitAllParked(workers);
        rw.writeLock().unlock();
        for (Thread t : workers) {
            t.join();
        }
        System.out.println("contended acquires done");
        Condition c = lock.newCondition();
        lock.lock();
        try {
            System.out.println("awaitNanos timed out: " + (c.awaitNanos(1_000_000) <= 0));
            System.out.println("await(time, unit) timed out: " + !c.await(1, TimeUnit.MILLISECONDS));
            System.out.println("awaitUntil timed out: " + !c.awaitUntil(new Date(System.currentTimeMillis() + 2)));
        } finally {
            lock.unlock();
        }
        Thread signalled = new Thread(() -> {
            lock.lock();
            try {
                c.awaitUninterruptibly();
            } finally {
                lock.unlock();
            }
        });
        signalled.start();
        for (boolean done = false; !done; ) {
            Thread.sleep(1);
            lock.lock();
            try {
                if (lock.hasWaiters(c)) {
                    c.signal();
                    done = true;
                }
            } finally {
                lock.unlock();
            }
        }
        signalled.join();
        System.out.println("awaitUninterruptibly signalled");
        Thread interrupted = new Thread(() -> {
            lock.lock();
            try {
                c.await();
                System.out.println("await returned");
            } catch (InterruptedException e) {
                System.out.println("await interrupted");
            } finally {
                lock.unlock();
            }
        });
        interrupted.start();
        Thread.sleep(100);
        interrupted.interrupt();
        interrupted.join();
        try {
            c.await();
        } catch (IllegalMonitorStateException e) {
            System.out.println("await without the lock threw " + e.getClass().getSimpleName());
        }
        Thread.sleep(1500); // so the agent's once-a-second AgentStatus and summaries cover the run
    }

    /** Until every worker is parked (waiting for a lock main holds) or done; at most 10 s. */
    private static void awaitAllParked(Thread[] workers) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        for (Thread t : workers) {
            while (System.nanoTime() < end && t.getState() != Thread.State.WAITING
                    && t.getState() != Thread.State.TERMINATED) {
                Thread.sleep(1);
            }
        }
        Thread.sleep(20); // parked for a while: the waits are long enough to be seen by any threshold in play
    }
}
