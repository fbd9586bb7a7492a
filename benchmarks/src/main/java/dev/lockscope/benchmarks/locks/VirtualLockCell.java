package dev.lockscope.benchmarks.locks;

import dev.lockscope.benchmarks.Medians;
import dev.lockscope.benchmarks.agent.PairedRatios;
import dev.lockscope.locks.AdaptiveReentrantLock;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The lock cell on virtual threads (JDK 21+): many virtual threads share one lock; each op is lock, ~INSIDE_NS of
 * work, unlock, then OUTSIDE_US parked (what a request's I/O does to a virtual thread: it unmounts; 0 = lock-bound).
 * The locks compared ({@code ReentrantLock}, {@code Adaptive}, {@code synchronized}) each run once per round, the order
 * rotated by one each round, in this JVM; per run: ops/s, process CPU ns per op, and p99 time to acquire (every 16th
 * op timed). The ratios of each lock to {@code ReentrantLock} are paired round by round ({@link PairedRatios}).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.lockscope.benchmarks.locks.VirtualLockCell \
 *     LOCKS THREADS INSIDE_NS OUTSIDE_US ROUND_MS ROUNDS</pre>
 * LOCKS is a comma-separated list, e.g. {@code ReentrantLock,Adaptive,synchronized}. Each run warms up for a fifth of
 * ROUND_MS first. Virtual threads are made through reflection (this module is built for Java 17).
 */
public final class VirtualLockCell {
    private VirtualLockCell() {
    }

    /** One run's figures. */
    record Run(double opsPerSecond, double cpuNanosPerOp, long p99AcquireNanos) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: VirtualLockCell LOCKS THREADS INSIDE_NS OUTSIDE_US ROUND_MS ROUNDS");
            System.exit(2);
        }
        if (Runtime.version().feature() < 21) {
            System.err.println("VirtualLockCell: JDK " + Runtime.version().feature() + " has no virtual threads; run it on JDK 21+");
            System.exit(2);
        }
        String[] locks = args[0].split(",");
        int threads = Integer.parseInt(args[1]);
        long insideTokens = Work.tokensFor(Long.parseLong(args[2]));
        long outsideNanos = Long.parseLong(args[3]) * 1_000L;
        long roundMs = Long.parseLong(args[4]);
        int rounds = Integer.parseInt(args[5]);
        System.out.printf(Locale.ROOT, "#VLOCKINFO threads=%d insideNs=%s outsideUs=%s roundMs=%d rounds=%d java=%s cpus=%d%n",
                threads, args[2], args[3], roundMs, rounds, Runtime.version(), Runtime.getRuntime().availableProcessors());
        Run[][] runs = new Run[locks.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < locks.length; k++) {
                int i = (k + r) % locks.length;
                runs[i][r] = run(locks[i], threads, insideTokens, outsideNanos, roundMs);
                System.out.printf(Locale.ROOT, "#VLOCKRUN round=%d lock=%s opsPerSec=%.0f cpuNsPerOp=%.0f p99AcquireNs=%d%n",
                        r, locks[i], runs[i][r].opsPerSecond, runs[i][r].cpuNanosPerOp, runs[i][r].p99AcquireNanos);
            }
        }
        int base = List.of(locks).indexOf("ReentrantLock");
        for (int i = 0; i < locks.length; i++) {
            double[] ops = new double[rounds];
            double[] cpu = new double[rounds];
            double[] p99 = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ops[r] = runs[i][r].opsPerSecond;
                cpu[r] = runs[i][r].cpuNanosPerOp;
                p99[r] = runs[i][r].p99AcquireNanos;
            }
            String ratios = "";
            if (base >= 0 && base != i) {
                double[] baseOps = new double[rounds];
                double[] baseCpu = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    baseOps[r] = runs[base][r].opsPerSecond;
                    baseCpu[r] = runs[base][r].cpuNanosPerOp;
                }
                ratios = " throughput vs ReentrantLock " + PairedRatios.of(ops, baseOps) + "; CPU per op vs ReentrantLock "
                        + PairedRatios.ofCost(cpu, baseCpu);
            }
            System.out.printf(Locale.ROOT, "#VLOCKSTAT lock=%s medianOpsPerSec=%.0f medianCpuNsPerOp=%.0f medianP99AcquireNs=%.0f%s%n",
                    locks[i], Medians.of(ops), Medians.of(cpu), Medians.of(p99), ratios);
        }
        System.exit(0);
    }

    /** One lock: the threads run a fifth of {@code ms} to warm up, then {@code ms} measured; all have ended on return. */
    static Run run(String lockName, int threads, long insideTokens, long outsideNanos, long ms) throws Exception {
        ReentrantLock lock = switch (lockName) {
            case "ReentrantLock" -> new ReentrantLock();
            case "Adaptive" -> new AdaptiveReentrantLock();
            case "synchronized" -> null;
            default -> throw new IllegalArgumentException("unknown lock " + lockName + " (ReentrantLock, Adaptive, synchronized)");
        };
        Object monitor = new Object();
        AtomicLong measuredOps = new AtomicLong();
        List<Histogram> histograms = new ArrayList<>();
        long[] guarded = new long[1];
        long start = System.nanoTime();
        long measureFrom = start + ms * 200_000L;
        long end = measureFrom + ms * 1_000_000L;
        List<Thread> all = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            Histogram h = new Histogram(3);
            histograms.add(h);
            all.add(startVirtual(() -> {
                long ops = 0;
                int tick = 0;
                long now;
                while ((now = System.nanoTime()) < end) {
                    boolean measuring = now >= measureFrom;
                    boolean sample = measuring && (++tick & 15) == 0;
                    long t0 = sample ? System.nanoTime() : 0;
                    if (lock != null) {
                        lock.lock();
                        try {
                            if (sample) {
                                h.recordValue(Math.min(System.nanoTime() - t0, 3_600_000_000_000L));
                            }
                            Blackhole.consumeCPU(insideTokens);
                            guarded[0]++;
                        } finally {
                            lock.unlock();
                        }
                    } else {
                        synchronized (monitor) {
                            if (sample) {
                                h.recordValue(Math.min(System.nanoTime() - t0, 3_600_000_000_000L));
                            }
                            Blackhole.consumeCPU(insideTokens);
                            guarded[0]++;
                        }
                    }
                    if (measuring) {
                        ops++;
                    }
                    if (outsideNanos > 0) {
                        LockSupport.parkNanos(outsideNanos);
                    }
                }
                measuredOps.addAndGet(ops);
            }));
        }
        while (System.nanoTime() < measureFrom) {
            Thread.sleep(1);
        }
        long cpuStart = processCpuNanos();
        long wallStart = System.nanoTime();
        while (System.nanoTime() < end) {
            Thread.sleep(1);
        }
        long cpu = processCpuNanos() - cpuStart;
        long wall = System.nanoTime() - wallStart;
        for (Thread t : all) {
            t.join();
        }
        Histogram merged = new Histogram(3);
        for (Histogram h : histograms) {
            merged.add(h);
        }
        long ops = Math.max(1, measuredOps.get());
        return new Run(ops / (wall / 1e9), cpu < 0 ? Double.NaN : cpu / (double) ops, merged.getValueAtPercentile(99));
    }

    private static Thread startVirtual(Runnable body) throws ReflectiveOperationException {
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        return (Thread) Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class).invoke(builder, body);
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
                ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : -1;
    }
}
