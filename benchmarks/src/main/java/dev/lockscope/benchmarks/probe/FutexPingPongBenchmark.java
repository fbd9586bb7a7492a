package dev.lockscope.benchmarks.probe;

import dev.lockscope.probe.Probe;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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

/**
 * The probe's overhead on a futex-heavy workload: one op is a park/unpark round trip between the benchmark
 * thread and a partner. {@code mode}: {@code none} (probe never opened in this fork), {@code probe} (eBPF
 * sched_switch + heartbeat attached, futex counting off, the production default), {@code counting} (futex
 * counting window open for the whole run, as in {@code demo}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class FutexPingPongBenchmark {
    @Param({"none", "probe", "counting"})
    public String mode;

    private volatile int turn;
    private volatile boolean stop;
    private volatile Thread main;
    private Thread partner;

    @Setup(Level.Trial)
    public void setUp() {
        if (!mode.equals("none")) {
            Probe p = Probe.get();
            System.out.println("# probe: " + p.onCpuOracle().source());
            if (mode.equals("counting")) {
                String failure = p.futexCounting().startWindow();
                System.out.println("# futex counting: " + (failure == null ? "on" : "unavailable: " + failure));
            }
        }
        main = null;
        partner = new Thread(() -> {
            while (!stop) {
                while (turn != 1 && !stop) {
                    LockSupport.park(this);
                }
                turn = 0;
                LockSupport.unpark(main);
            }
        }, "partner");
        partner.setDaemon(true);
        partner.start();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        stop = true;
        LockSupport.unpark(partner);
        partner.join(1000);
        if (mode.equals("counting")) {
            Probe.get().futexCounting().stopWindow();
        }
    }

    @Benchmark
    public int roundTrip() {
        main = Thread.currentThread();
        turn = 1;
        LockSupport.unpark(partner);
        while (turn != 0) {
            LockSupport.park(this);
        }
        return turn;
    }
}
