package dev.lockscope.benchmarks.locks;

import dev.lockscope.probe.FutexCounts;
import dev.lockscope.probe.Probe;
import java.util.concurrent.CountDownLatch;

/**
 * A plain-Java cross-check of {@link LockBenchmark}'s lock-bound cells, without JMH: N threads loop
 * lock / a dependent multiply-add chain / unlock for a fixed time, counted by plain per-thread counters.
 * It tells whether a figure comes from the locks or from the harness (JMH's loop, Blackhole.consumeCPU).
 * Prints ops/s, futex calls per 1,000 ops (native-probe eBPF window, measured) and each thread's share.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.lockscope.benchmarks.locks.LockLoop LOCK THREADS MULS [SECONDS]</pre>
 * LOCK is a {@link BenchLock} name or "synchronized"; MULS the multiply-adds inside the lock (30 is ~50 ns here).
 */
public final class LockLoop {
    private static volatile boolean measuring;
    private static volatile boolean stop;
    private static final Object MONITOR = new Object();
    private static long guarded;

    private LockLoop() {
    }

    public static void main(String[] args) throws Exception {
        String lockName = args[0];
        int threads = Integer.parseInt(args[1]);
        int muls = Integer.parseInt(args[2]);
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        BenchLock lock = BenchLock.create(lockName);
        String futexFailure = Probe.get().futexCounting().startWindow();
        long[] ops = new long[threads * 16]; // 16 longs apart: no false sharing between counters
        long[] sinks = new long[threads * 16];
        int[] tids = new int[threads];
        CountDownLatch ready = new CountDownLatch(threads);
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers[t] = new Thread(() -> {
                tids[id] = Probe.get().currentTid();
                ready.countDown();
                long x = id + 1;
                long n = 0;
                while (!stop) {
                    x = lock == null ? monitorOp(muls, x) : lockOp(lock, muls, x);
                    if (measuring) n++;
                }
                ops[id * 16] = n;
                sinks[id * 16] = x;
            }, "worker-" + t);
            workers[t].start();
        }
        ready.await();
        Thread.sleep(1000); // warm-up: JIT and the lock's learned state
        long[] futexBefore = futex(tids);
        long start = System.nanoTime();
        measuring = true;
        Thread.sleep(seconds * 1000L);
        measuring = false;
        long elapsed = System.nanoTime() - start;
        long[] futexAfter = futex(tids);
        stop = true;
        for (Thread w : workers) w.join();
        Probe.get().futexCounting().stopWindow();
        long total = 0;
        long futexCalls = 0;
        StringBuilder shares = new StringBuilder();
        for (int t = 0; t < threads; t++) total += ops[t * 16];
        for (int t = 0; t < threads; t++) {
            futexCalls += futexAfter[t] - futexBefore[t];
            shares.append(String.format(" %.0f%%", 100.0 * ops[t * 16] / Math.max(1, total)));
        }
        System.out.printf("%s threads=%d muls=%d: %.2f M ops/s, futex/1k ops %s, thread shares%s (checksum %d)%n",
                lockName, threads, muls, total / (elapsed / 1e9) / 1e6,
                futexFailure == null ? String.format("%.2f", futexCalls * 1000.0 / Math.max(1, total)) : "n/a (" + futexFailure + ")",
                shares, guarded + sum(sinks) % 10);
        System.exit(0);
    }

    private static long lockOp(BenchLock lock, int muls, long x) {
        lock.lock();
        try {
            x = work(muls, x);
            guarded++;
        } finally {
            lock.unlock();
        }
        return x;
    }

    private static long monitorOp(int muls, long x) {
        synchronized (MONITOR) {
            x = work(muls, x);
            guarded++;
        }
        return x;
    }

    /** A dependent chain the JIT cannot fold: about 1.6 ns per step on this machine. */
    private static long work(int muls, long x) {
        for (int i = 0; i < muls; i++) x = x * 6364136223846793005L + 1442695040888963407L;
        return x;
    }

    private static long[] futex(int[] tids) {
        long[] out = new long[tids.length];
        for (int t = 0; t < tids.length; t++) {
            FutexCounts c = Probe.get().futexCounting().counts(tids[t]);
            out[t] = c == null ? 0 : c.total();
        }
        return out;
    }

    private static long sum(long[] a) {
        long s = 0;
        for (long v : a) s += v;
        return s;
    }
}
