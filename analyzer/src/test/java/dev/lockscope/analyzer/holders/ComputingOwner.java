package dev.lockscope.analyzer.holders;

import java.util.List;

/**
 * A monitor whose owner computes for 7.5 to 22.5 ms each time it holds it, and a thread that wants the monitor
 * meanwhile. Prints that thread's waiting time, how much of it the owner spent computing, and the CPU time the
 * computing had (on a busy machine, less than its wall time).
 *
 * <p>Arguments: seconds to run.
 */
public final class ComputingOwner {
    /** The planted monitor. */
    public static final class Tally {
    }

    private final Tally tally = new Tally();
    private final Intervals computing = new Intervals();
    private final Intervals waits = new Intervals();

    public static void main(String[] args) throws Exception {
        ComputingOwner p = new ComputingOwner();
        PlantedOwner.runFor(Double.parseDouble(args[0]), List.of("tally-owner", "tally-waiter"),
                List.of(p::own, p::await));
        PlantedOwner.print("waits.nanos", p.waits.total());
        PlantedOwner.print("waits.count", p.waits.count());
        PlantedOwner.print("computing.nanos", p.computing.overlap(p.waits));
        PlantedOwner.print("computing.total.nanos", p.computing.total());
        PlantedOwner.print("computing.cpu.nanos", p.computing.cpuNanos());
    }

    private void own() {
        synchronized (tally) {
            computing.timeOnCpu(ComputingOwner::compute);
        }
        PlantedOwner.outside();
    }

    /** The work under the lock, a loop of its own so that samples name this frame. */
    private static void compute() {
        long end = System.nanoTime() + PlantedOwner.jittered(15_000_000);
        long x = result;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 100; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
        }
        result = x;
    }

    private static volatile long result;

    private void await() {
        long t0 = System.nanoTime();
        synchronized (tally) {
            waits.add(t0, System.nanoTime());
        }
        PlantedOwner.outside();
    }
}
