package dev.lockscope.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/** Runs N threads over one loop body for a fixed time and counts the loops: the examples' shared harness. */
public final class TimedRun {

    /** One loop of a worker; {@code thread} is the worker's index. */
    @FunctionalInterface
    public interface Body {
        void run(int thread);
    }

    private TimedRun() {
    }

    /** Operations per second over the run. */
    public static double run(String name, int threads, double seconds, Body body) throws InterruptedException {
        FutexTally.open();
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder ops = new LongAdder();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int index = i;
            workers.add(new Thread(() -> {
                long futexAtStart = FutexTally.now();
                long n = 0;
                while (!stop.get()) {
                    body.run(index);
                    n++;
                }
                FutexTally.add(futexAtStart, FutexTally.now());
                ops.add(n);
            }, name + "-" + i));
        }
        OtherProcesses others = new OtherProcesses();
        long t0 = System.nanoTime();
        workers.forEach(Thread::start);
        Thread.sleep((long) (seconds * 1000));
        stop.set(true);
        for (Thread t : workers) {
            t.join();
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        futexLine = FutexTally.line(elapsed);
        othersShare = others.share();
        return ops.sum() / elapsed;
    }

    /** {@code --seconds N} and {@code --threads N} from the command line, with defaults. */
    public static double[] args(String[] args, double seconds, int threads) {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (expected --seconds N, --threads N)");
            }
        }
        return new double[] {seconds, threads};
    }

    private static volatile String futexLine = "futex.calls unavailable: no run";
    private static volatile double othersShare = -1;

    /**
     * The lines every example prints, which the benchmarks and the end-to-end tests read: throughput, the share of the
     * machine's CPU time other processes took during the run (measured: /proc, -1 where unreadable; see
     * {@link OtherProcesses}), then futex calls or why not.
     */
    public static void report(double opsPerSecond) {
        System.out.printf(java.util.Locale.ROOT, "ops.per.second %.0f%n", opsPerSecond);
        System.out.printf(java.util.Locale.ROOT, "other.processes.cpu.share %.3f%n", othersShare);
        System.out.println(futexLine);
    }
}
