package dev.lockscope.realworld;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs one operation in a loop on N threads: a warm-up, then the measured window, whose operations and the
 * process's CPU time are counted. A failing operation is counted (and the first one kept), never hidden.
 */
public final class Load {
    /** One request, message, log line or query; {@code worker} is the thread's index. */
    public interface Op {
        void run(int worker) throws Exception;
    }

    /**
     * What the measured window did: the whole process's CPU time, and of it the JIT compiler threads' (-1 when
     * unknown; {@link CompilerCpu}).
     */
    public record Result(long ops, double seconds, long cpuNanos, long jitCpuNanos, long errors, Throwable firstError) {
        public double opsPerSecond() {
            return ops / seconds;
        }
    }

    private Load() {
    }

    public static Result run(DriverArgs args, String threadName, Op op) throws InterruptedException {
        LongAdder ops = new LongAdder();
        AtomicLong errors = new AtomicLong();
        AtomicReference<Throwable> first = new AtomicReference<>();
        // 0 warm-up, 1 measured, 2 stop
        AtomicLong phase = new AtomicLong(args.warmupSeconds() > 0 ? 0 : 1);
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < args.threads(); w++) {
            int worker = w;
            Thread t = new Thread(() -> {
                long p;
                while ((p = phase.get()) < 2) {
                    try {
                        op.run(worker);
                        if (p == 1) {
                            ops.increment();
                        }
                    } catch (Throwable e) {
                        errors.incrementAndGet();
                        first.compareAndSet(null, e);
                    }
                }
            }, threadName + "-" + w);
            workers.add(t);
        }
        workers.forEach(Thread::start);
        if (args.warmupSeconds() > 0) {
            Thread.sleep((long) (args.warmupSeconds() * 1000));
            ops.reset();
            phase.set(1);
        }
        long cpu0 = Figures.processCpuNanos();
        long jit0 = CompilerCpu.nanos();
        long t0 = System.nanoTime();
        Thread.sleep((long) (args.seconds() * 1000));
        long done = ops.sum();
        long elapsed = System.nanoTime() - t0;
        long cpu = Figures.processCpuNanos() - cpu0;
        long jit1 = CompilerCpu.nanos();
        long jit = jit0 < 0 || jit1 < 0 ? -1 : Math.max(0, jit1 - jit0);
        phase.set(2);
        for (Thread t : workers) {
            t.join();
        }
        return new Result(done, elapsed / 1e9, cpu, jit, errors.get(), first.get());
    }
}
