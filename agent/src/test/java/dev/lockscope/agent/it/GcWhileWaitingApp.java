package dev.lockscope.agent.it;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;

/**
 * Threads parked in every hooked lock method (each await, a contended acquire, StampedLock's write and read) while
 * the main thread forces garbage collections: each collection computes the waiting threads' oop maps from the hooked
 * methods' bytecode, the way a wrong max_stack in a rewritten method brought the JVM down. Prints "survived" and
 * how many collections it forced.
 */
public final class GcWhileWaitingApp {
    public static void main(String[] args) throws Exception {
        long end = System.nanoTime() + Long.parseLong(args[0]) * 1_000_000L;
        ReentrantLock lock = new ReentrantLock();
        Condition c = lock.newCondition();
        StampedLock stamped = new StampedLock();
        Runnable[] bodies = {
            () -> { lock.lock(); try { c.awaitUninterruptibly(); } finally { lock.unlock(); } },
            () -> { lock.lock(); try { c.await(); } catch (InterruptedException e) { return; } finally { lock.unlock(); } },
            () -> { lock.lock(); try { c.awaitNanos(1_000_000); } catch (InterruptedException e) { return; } finally { lock.unlock(); } },
            () -> { lock.lock(); try { c.await(1, TimeUnit.MILLISECONDS); } catch (InterruptedException e) { return; } finally { lock.unlock(); } },
            () -> { long s = stamped.writeLock(); sleep(); stamped.unlockWrite(s); },
            () -> { long s = stamped.readLock(); sleep(); stamped.unlockRead(s); },
            () -> { lock.lock(); try { sleep(); } finally { lock.unlock(); } },
        };
        Thread[] threads = new Thread[bodies.length * 2];
        for (int i = 0; i < threads.length; i++) {
            Runnable body = bodies[i % bodies.length];
            threads[i] = new Thread(() -> {
                while (System.nanoTime() < end) {
                    body.run();
                }
            }, "waiter-" + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
        int gcs = 0;
        while (System.nanoTime() < end) {
            lock.lock();
            try {
                c.signalAll();
            } finally {
                lock.unlock();
            }
            System.gc();
            gcs++;
        }
        lock.lock();
        try {
            c.signalAll();
        } finally {
            lock.unlock();
        }
        System.out.println("survived " + (gcs > 10 ? "many" : "few") + " collections");
    }

    private static void sleep() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
