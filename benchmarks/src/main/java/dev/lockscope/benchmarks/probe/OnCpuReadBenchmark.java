package dev.lockscope.benchmarks.probe;

import dev.lockscope.probe.OnCpuOracle;
import dev.lockscope.probe.ProcSample;
import dev.lockscope.probe.Probe;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one "is thread T on a CPU?" read: the eBPF oracle (opaque loads from the mmap'd map) against one /proc
 * read of the same thread (schedstat + status), and the rseq cpu_id read. T is a sleeping thread of this JVM.
 * The eBPF figure needs root; without it the oracle answers UNKNOWN from a constant and the run says so.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class OnCpuReadBenchmark {
    private OnCpuOracle oracle;
    private Probe probe;
    private Thread sleeper;
    private int tid;

    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
        probe = Probe.get();
        oracle = probe.onCpuOracle();
        AtomicInteger t = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        sleeper = new Thread(() -> {
            t.set(oracle.currentTid());
            started.countDown();
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // done
            }
        }, "sleeper");
        sleeper.setDaemon(true);
        sleeper.start();
        started.await();
        tid = t.get();
        Thread.sleep(20);
        System.out.println("# oracle: " + oracle.source() + "; answer for the sleeper: " + oracle.onCpu(tid));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        sleeper.interrupt();
    }

    @Benchmark
    public int onCpuRead() {
        return oracle.onCpu(tid);
    }

    @Benchmark
    public ProcSample procRead() {
        return probe.sample(tid);
    }

    @Benchmark
    public int rseqCpuId() {
        return probe.rseq().cpuId();
    }

    @Benchmark
    public int currentTid() {
        return oracle.currentTid();
    }
}
