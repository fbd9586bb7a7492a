package dev.lockscope.analyzer.holders;

import java.util.ArrayList;
import java.util.List;

/**
 * A monitor whose owner, holding it, runs into full garbage collections of a heap full of live objects (it asks for
 * them, as an allocation failure would), and a thread that wants the monitor meanwhile. Prints that thread's waiting
 * time and how much of it the owner spent in the collections. Run it with a stop-the-world collector
 * ({@code -XX:+UseSerialGC}) so that each collection is one pause.
 *
 * <p>Arguments: seconds to run.
 */
public final class GcPausedOwner {
    /** The planted monitor. */
    public static final class Registry {
    }

    /** Live objects the collections must trace: their count sets how long a pause lasts. */
    static final int LIVE_OBJECTS = 2_000_000;

    private final Registry registry = new Registry();
    private final Intervals collecting = new Intervals();
    private final Intervals waits = new Intervals();
    private final List<long[]> live = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        GcPausedOwner p = new GcPausedOwner();
        for (int i = 0; i < LIVE_OBJECTS; i++) {
            p.live.add(new long[2]);
        }
        PlantedOwner.runFor(Double.parseDouble(args[0]), List.of("registry-owner", "registry-waiter"),
                List.of(p::own, p::await));
        PlantedOwner.print("waits.nanos", p.waits.total());
        PlantedOwner.print("waits.count", p.waits.count());
        PlantedOwner.print("collecting.nanos", p.collecting.overlap(p.waits));
        PlantedOwner.print("live", p.live.size());
    }

    private void own() throws Exception {
        synchronized (registry) {
            collecting.time(() -> {
                System.gc();
                return null;
            });
            PlantedOwner.spin(PlantedOwner.jittered(1_000_000));
        }
        PlantedOwner.outside();
    }

    private void await() {
        long t0 = System.nanoTime();
        synchronized (registry) {
            waits.add(t0, System.nanoTime());
        }
        PlantedOwner.outside();
    }
}
