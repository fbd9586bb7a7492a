package dev.lockscope.benchmarks.agent;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The workloads whose cost the agent must not raise. {@link AgentOverhead} runs them in JVMs without and
 * with the agent (and with the peers: async-profiler lock mode, JFR jdk.ThreadPark at threshold 0).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LockOverheadBench {

    /** One lock per thread: never contended, so only the fast path runs. */
    @State(Scope.Thread)
    public static class Own {
        final ReentrantLock lock = new ReentrantLock();
        long counter;
    }

    /** One lock for all threads: 8 threads on 2 cores, short sections, heavy contention. */
    @State(Scope.Benchmark)
    public static class Shared {
        final ReentrantLock lock = new ReentrantLock();
        long counter;
    }

    @Benchmark
    @Threads(1)
    public long uncontendedLockUnlock(Own s) {
        s.lock.lock();
        try {
            return ++s.counter;
        } finally {
            s.lock.unlock();
        }
    }

    @Benchmark
    @Threads(8)
    public long contended8ShortSections(Shared s) {
        s.lock.lock();
        try {
            Blackhole.consumeCPU(20);
            return ++s.counter;
        } finally {
            s.lock.unlock();
        }
    }

    /** Construction at a site the agent rewrites: the per-construction cost of recording the site. */
    @Benchmark
    @Threads(1)
    public ReentrantLock constructLock() {
        return new ReentrantLock();
    }
}
