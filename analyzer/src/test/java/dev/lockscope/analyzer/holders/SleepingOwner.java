package dev.lockscope.analyzer.holders;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A ReentrantLock whose owner sleeps 25 to 37 ms, then works about 2 ms, each time it holds it, and a thread that wants the
 * lock meanwhile. Prints that thread's waiting time and how much of it the owner slept.
 *
 * <p>Arguments: seconds to run.
 */
public final class SleepingOwner {
    static final long NAP_MS = 25;

    private final ReentrantLock lock = new ReentrantLock();
    private final Intervals sleeping = new Intervals();
    private final Intervals waits = new Intervals();

    public static void main(String[] args) throws Exception {
        SleepingOwner p = new SleepingOwner();
        PlantedOwner.runFor(Double.parseDouble(args[0]), List.of("napping-owner", "napping-waiter"),
                List.of(p::own, p::await));
        PlantedOwner.print("waits.nanos", p.waits.total());
        PlantedOwner.print("waits.count", p.waits.count());
        PlantedOwner.print("sleeping.nanos", p.sleeping.overlap(p.waits));
    }

    private void own() throws Exception {
        lock.lock();
        try {
            sleeping.time(() -> {
                nap();
                return null;
            });
            PlantedOwner.spin(PlantedOwner.jittered(2_000_000));
        } finally {
            lock.unlock();
        }
        PlantedOwner.outside();
    }

    private static void nap() throws InterruptedException {
        Thread.sleep(NAP_MS + java.util.concurrent.ThreadLocalRandom.current().nextLong(NAP_MS / 2));
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
