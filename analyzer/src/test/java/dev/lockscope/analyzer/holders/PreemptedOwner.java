package dev.lockscope.analyzer.holders;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A ReentrantLock whose owner computes about 10 ms each time it holds it while more threads want a CPU than there
 * are CPUs (three spinning hogs; the test pins the whole JVM to one CPU), so the owner is preempted for most of its
 * hold, and a thread that wants the lock meanwhile. Prints that thread's waiting time, how much of it the owner
 * computed, and the owner's CPU time and wall time computing (it never blocks there: the rest of that wall time it
 * was runnable but preempted).
 *
 * <p>Arguments: seconds to run.
 */
public final class PreemptedOwner {
    static final int HOGS = 3;

    private final ReentrantLock lock = new ReentrantLock();
    private final Intervals computing = new Intervals();
    private final Intervals waits = new Intervals();

    public static void main(String[] args) throws Exception {
        PreemptedOwner p = new PreemptedOwner();
        List<String> names = new ArrayList<>(List.of("busy-owner", "busy-waiter"));
        List<PlantedOwner.ThrowingRunnable> loops = new ArrayList<>(List.of(p::own, p::await));
        for (int i = 0; i < HOGS; i++) {
            names.add("cpu-hog-" + i);
            loops.add(() -> PlantedOwner.spin(1_000_000));
        }
        PlantedOwner.runFor(Double.parseDouble(args[0]), names, loops);
        PlantedOwner.print("waits.nanos", p.waits.total());
        PlantedOwner.print("waits.count", p.waits.count());
        PlantedOwner.print("computing.nanos", p.computing.overlap(p.waits));
        PlantedOwner.print("computing.total.nanos", p.computing.total());
        PlantedOwner.print("computing.cpu.nanos", p.computing.cpuNanos());
    }

    private void own() {
        lock.lock();
        try {
            computing.timeOnCpu(() -> PlantedOwner.spin(PlantedOwner.jittered(10_000_000)));
        } finally {
            lock.unlock();
        }
        PlantedOwner.outside();
    }

    private void await() {
        long t0 = System.nanoTime();
        lock.lock();
        try {
            waits.add(t0, System.nanoTime());
        } finally {
            lock.unlock();
        }
        PlantedOwner.outside();
    }
}
