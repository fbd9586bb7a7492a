package dev.lockscope.benchmarks.agent;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
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

    /**
     * Construction at a site the agent rewrites, millions a second from one site: after the site's initial
     * budget only the budget check runs (agent option siteBudget).
     */
    @Benchmark
    @Threads(1)
    public ReentrantLock constructLock() {
        return new ReentrantLock();
    }

    /** The same from 2 threads at one site: would show a construction-path write bouncing the site's cache line. */
    @Benchmark
    @Threads(2)
    public ReentrantLock constructLock2Threads() {
        return new ReentrantLock();
    }

    /** A read-write lock: two more objects per construction, and the agent binds its synchronizer. */
    @Benchmark
    @Threads(1)
    public ReentrantReadWriteLock constructReadWriteLock() {
        return new ReentrantReadWriteLock();
    }
}
