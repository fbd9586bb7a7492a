package dev.lockscope.probe;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** Helpers for tests that need threads with known kernel tids and known behaviour. */
final class TestThreads {
    private TestThreads() {}

    /** A started daemon thread running {@code body}; its tid is known before this returns. */
    static final class Worker {
        final Thread thread;
        final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicInteger tid = new AtomicInteger();

        Worker(String name, java.util.function.Consumer<AtomicBoolean> body) throws InterruptedException {
            CountDownLatch started = new CountDownLatch(1);
            thread = new Thread(() -> {
                tid.set(Probe.get().currentTid());
                started.countDown();
                body.accept(stop);
            }, name);
            thread.setDaemon(true);
            thread.start();
            started.await();
        }

        int tid() {
            return tid.get();
        }

        void stopAndJoin() throws InterruptedException {
            stop.set(true);
            thread.join(5000);
        }
    }

    static Worker spinner() throws InterruptedException {
        return new Worker("spinner", stop -> {
            long x = 0;
            while (!stop.get()) {
                x += System.nanoTime() & 1;
            }
            sink(x);
        });
    }

    static Worker sleeper() throws InterruptedException {
        return new Worker("sleeper", stop -> {
            while (!stop.get()) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    static volatile long sinkHole;

    static void sink(long x) {
        sinkHole = x;
    }

    static void forEach(int n, IntConsumer c) {
        for (int i = 0; i < n; i++) {
            c.accept(i);
        }
    }
}
