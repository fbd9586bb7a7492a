package dev.lockscope.analyzer.holders;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A monitor two threads take in turn at two sites: {@code update} holds it about 4 ms, {@code refresh} about 8 ms,
 * each chosen half the time, so each thread waits for the other's section most of the time. Prints the threads' waits
 * and how much of them the other thread spent in each site's section ({@code System.nanoTime} around each), and in
 * sections it entered after a wait the recording keeps (20 us and more): on a busy machine a thread often takes the
 * monitor again, without waiting, before the other one, woken, has had a CPU to take it.
 *
 * <p>Arguments: seconds to run.
 */
public final class TwoSiteOwners {
    /** The planted monitor. */
    public static final class Catalog {
    }

    private final Catalog catalog = new Catalog();

    /** One thread's own account: its waits and its sections at each site. */
    private static final class Mine {
        final Intervals waits = new Intervals();
        final Intervals updates = new Intervals();
        final Intervals refreshes = new Intervals();
        /** Sections, at either site, entered after a wait of at least the recording's threshold. */
        final Intervals afterRecordedWaits = new Intervals();
    }

    /** lockscope.jfc's threshold for monitor enters: shorter waits are not in the recording. */
    static final long RECORDED_WAIT_NANOS = 20_000;

    public static void main(String[] args) throws Exception {
        TwoSiteOwners p = new TwoSiteOwners();
        Mine a = new Mine();
        Mine b = new Mine();
        PlantedOwner.runFor(Double.parseDouble(args[0]), List.of("catalog-a", "catalog-b"),
                List.of(() -> p.step(a), () -> p.step(b)));
        PlantedOwner.print("waits.nanos", a.waits.total() + b.waits.total());
        PlantedOwner.print("waits.count", a.waits.count() + b.waits.count());
        PlantedOwner.print("update.nanos", a.updates.overlap(b.waits) + b.updates.overlap(a.waits));
        PlantedOwner.print("refresh.nanos", a.refreshes.overlap(b.waits) + b.refreshes.overlap(a.waits));
        PlantedOwner.print("after.recorded.wait.nanos", a.afterRecordedWaits.overlap(b.waits)
                + b.afterRecordedWaits.overlap(a.waits));
    }

    private void step(Mine mine) {
        if (ThreadLocalRandom.current().nextBoolean()) {
            update(mine);
        } else {
            refresh(mine);
        }
        PlantedOwner.outside();
    }

    private void update(Mine mine) {
        long t0 = System.nanoTime();
        synchronized (catalog) {
            long t1 = System.nanoTime();
            mine.waits.add(t0, t1);
            PlantedOwner.spin(PlantedOwner.jittered(4_000_000));
            section(mine, mine.updates, t0, t1);
        }
    }

    private void refresh(Mine mine) {
        long t0 = System.nanoTime();
        synchronized (catalog) {
            long t1 = System.nanoTime();
            mine.waits.add(t0, t1);
            PlantedOwner.spin(PlantedOwner.jittered(8_000_000));
            section(mine, mine.refreshes, t0, t1);
        }
    }

    /** A section entered at {@code t1} after asking at {@code t0}, ending now. */
    private static void section(Mine mine, Intervals site, long t0, long t1) {
        long t2 = System.nanoTime();
        site.add(t1, t2);
        if (t1 - t0 >= RECORDED_WAIT_NANOS) {
            mine.afterRecordedWaits.add(t1, t2);
        }
    }
}
