package dev.lockscope.benchmarks.locks;

import dev.lockscope.probe.FutexCounts;
import dev.lockscope.probe.Probe;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The lock matrix of issue 4. One op: acquire, ~{@code csNanos} of work inside, release, ~{@code outsideNanos}
 * of work outside. Threads come from JMH's {@code -t}. {@code hog}: a busy thread beside the workers, so on
 * 2 cores owners get preempted. Besides throughput, per measurement iteration: futex calls of the worker
 * threads (native-probe's eBPF counter, -1 where unavailable), their CPU time, and ops; p99 time to acquire
 * is sampled on every 64th op and printed as a {@code #LOCKSTAT} line at the end of the trial.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class LockBenchmark {
    @Param({"synchronized", "ReentrantLock", "ReentrantLockFair", "Adaptive", "AdaptivePortable", "TAS", "SpinThenPark"})
    public String lock;
    @Param({"50"})
    public int csNanos;
    @Param({"0"})
    public int outsideNanos;
    @Param({"false"})
    public boolean hog;
    /** Ns per Blackhole.consumeCPU token from one calibration for the whole run; 0 = calibrate in this fork. */
    @Param({"0"})
    public double nsPerToken;

    private BenchLock juc;
    private final Object monitor = new Object();
    private long csTokens;
    private long outsideTokens;
    private long shared;
    private volatile boolean hogRunning;
    private Thread hogThread;
    static final Queue<Histogram> ACQUIRE_HISTOGRAMS = new ConcurrentLinkedQueue<>();
    static volatile boolean futexCounting;

    @Setup(Level.Trial)
    public void setUp() {
        juc = BenchLock.create(lock);
        double perToken = nsPerToken > 0 ? nsPerToken : Work.nanosPerToken();
        csTokens = Work.tokensFor(csNanos, perToken);
        outsideTokens = Work.tokensFor(outsideNanos, perToken);
        ACQUIRE_HISTOGRAMS.clear();
        String failure = Probe.get().futexCounting().startWindow(); // same probe cost for every lock
        futexCounting = failure == null;
        System.out.println("#LOCKINFO lock=" + lock + " describe=" + (juc == null ? "synchronized monitor" : juc.describe())
                + " futex=" + (failure == null ? "eBPF window (measured)" : "unavailable: " + failure)
                + " nsPerToken=" + String.format("%.3f", perToken) + (nsPerToken > 0 ? " (run-wide)" : " (this fork)")
                + " csTokens=" + csTokens + " outsideTokens=" + outsideTokens);
        if (hog) {
            hogRunning = true;
            hogThread = new Thread(() -> {
                long x = 1;
                while (hogRunning) x = x * 6364136223846793005L + 1;
                if (x == 42) System.out.print("");
            }, "cpu-hog");
            hogThread.setDaemon(true);
            hogThread.start();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        hogRunning = false;
        if (hogThread != null) hogThread.join();
        Probe.get().futexCounting().stopWindow();
        Histogram all = new Histogram(3);
        for (Histogram h : ACQUIRE_HISTOGRAMS) all.add(h);
        System.out.println("#LOCKSTAT lock=" + lock + " csNanos=" + csNanos + " outsideNanos=" + outsideNanos + " hog=" + hog
                + " p99AcquireNs=" + all.getValueAtPercentile(99) + " samples=" + all.getTotalCount() + " shared=" + shared);
    }

    /** Per-thread counters JMH sums over threads per iteration (measurement iterations only). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counters {
        public long ops;
        public long futexCalls;
        public long cpuNanos;
        private long futexAtStart;
        private long cpuAtStart;
        private int tid = -1;
        private boolean measuring;
        private int tick;
        private Histogram acquire;
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        @Setup(Level.Iteration)
        public void start(IterationParams params) {
            if (tid < 0) tid = Probe.get().currentTid();
            if (acquire == null) {
                acquire = new Histogram(3);
                ACQUIRE_HISTOGRAMS.add(acquire);
            }
            measuring = params.getType() == IterationType.MEASUREMENT;
            ops = 0;
            futexCalls = 0;
            cpuNanos = 0;
            futexAtStart = futex();
            cpuAtStart = THREADS.getCurrentThreadCpuTime();
        }

        @TearDown(Level.Iteration)
        public void stop() {
            cpuNanos = THREADS.getCurrentThreadCpuTime() - cpuAtStart;
            long f = futex();
            futexCalls = (f < 0 || futexAtStart < 0) ? -1 : f - futexAtStart;
        }

        private long futex() {
            if (!futexCounting) return -1;
            FutexCounts c = Probe.get().futexCounting().counts(tid);
            return c == null ? -1 : c.total();
        }

        boolean sample() {
            return measuring && (++tick & 63) == 0;
        }

        void recordAcquire(long nanos) {
            acquire.recordValue(Math.min(nanos, 3_600_000_000_000L));
        }
    }

    @Benchmark
    public void op(Counters c) {
        if (juc == null) {
            synchronizedOp(c);
        } else {
            if (c.sample()) {
                long start = System.nanoTime();
                juc.lock();
                c.recordAcquire(System.nanoTime() - start);
            } else {
                juc.lock();
            }
            try {
                Blackhole.consumeCPU(csTokens);
                shared++;
            } finally {
                juc.unlock();
            }
        }
        if (outsideTokens > 0) Blackhole.consumeCPU(outsideTokens);
        c.ops++;
    }

    private void synchronizedOp(Counters c) {
        if (c.sample()) {
            long start = System.nanoTime();
            synchronized (monitor) {
                c.recordAcquire(System.nanoTime() - start);
                Blackhole.consumeCPU(csTokens);
                shared++;
            }
        } else {
            synchronized (monitor) {
                Blackhole.consumeCPU(csTokens);
                shared++;
            }
        }
    }
}
