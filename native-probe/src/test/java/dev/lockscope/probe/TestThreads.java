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

    /** Pins the calling thread to {@code cpu} (sched_setaffinity), or to all CPUs when cpu &lt; 0; false if refused. */
    static boolean pin(int cpu) {
        try (com.sun.jna.Memory mask = new com.sun.jna.Memory(128)) {
            mask.clear();
            if (cpu < 0) {
                for (int i = 0; i < 128; i++) {
                    mask.setByte(i, (byte) 0xff);
                }
            } else {
                mask.setByte(cpu / 8, (byte) (1 << (cpu % 8)));
            }
            LibC.Loader.libc().syscall(203 /* sched_setaffinity */, 0, 128, mask);
            return true;
        } catch (Throwable t) {
            return false;
        }
    }

    static Worker spinner() throws InterruptedException {
        return spinner(-1);
    }

    /** A spinning thread, pinned to {@code cpu} when cpu &gt;= 0. */
    static Worker spinner(int cpu) throws InterruptedException {
        return new Worker("spinner", stop -> {
            if (cpu >= 0) {
                pin(cpu);
            }
            long x = 0;
            while (!stop.get()) {
                x += System.nanoTime() & 1;
                progress++;
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
    /** Advanced continuously by the spinner: it moves exactly while the spinner runs (ground truth for samples). */
    static volatile long progress;

    static void sink(long x) {
        sinkHole = x;
    }

    static void forEach(int n, IntConsumer c) {
        for (int i = 0; i < n; i++) {
            c.accept(i);
        }
    }
}
