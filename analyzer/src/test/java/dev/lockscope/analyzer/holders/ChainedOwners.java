package dev.lockscope.analyzer.holders;

import java.util.List;

/**
 * A lock chain: the owner of monitor {@link Outer} takes monitor {@link Inner} while holding it, and Inner's other
 * owner sleeps 30 to 45 ms each time it holds it; a third thread wants Outer meanwhile. Prints that thread's waiting time,
 * how much of it Outer's owner spent waiting for Inner, and Inner's waiting time with how much of it Inner's owner
 * slept.
 *
 * <p>Arguments: seconds to run.
 */
public final class ChainedOwners {
    /** The lock whose owners wait for the other. */
    public static final class Outer {
    }

    /** The root of the chain. */
    public static final class Inner {
    }

    static final long NAP_MS = 30;

    private final Outer outer = new Outer();
    private final Inner inner = new Inner();
    private final Intervals outerWaits = new Intervals();
    private final Intervals waitsForInner = new Intervals();
    private final Intervals innerNaps = new Intervals();

    public static void main(String[] args) throws Exception {
        ChainedOwners p = new ChainedOwners();
        PlantedOwner.runFor(Double.parseDouble(args[0]), List.of("inner-sleeper", "outer-owner", "outer-waiter"),
                List.of(p::holdInner, p::holdOuterThenInner, p::waitForOuter));
        PlantedOwner.print("outer.waits.nanos", p.outerWaits.total());
        PlantedOwner.print("outer.waits.count", p.outerWaits.count());
        PlantedOwner.print("outer.owner.waiting.for.inner.nanos", p.waitsForInner.overlap(p.outerWaits));
        PlantedOwner.print("inner.waits.nanos", p.waitsForInner.total());
        PlantedOwner.print("inner.owner.sleeping.nanos", p.innerNaps.overlap(p.waitsForInner));
    }

    private void holdInner() throws Exception {
        synchronized (inner) {
            innerNaps.time(() -> {
                nap();
                return null;
            });
        }
        PlantedOwner.outside();
    }

    private static void nap() throws InterruptedException {
        Thread.sleep(NAP_MS + java.util.concurrent.ThreadLocalRandom.current().nextLong(NAP_MS / 2));
    }

    private void holdOuterThenInner() {
        synchronized (outer) {
            long t0 = System.nanoTime();
            synchronized (inner) {
                waitsForInner.add(t0, System.nanoTime());
            }
        }
        PlantedOwner.outside();
    }

    private void waitForOuter() {
        long t0 = System.nanoTime();
        synchronized (outer) {
            outerWaits.add(t0, System.nanoTime());
        }
        PlantedOwner.outside();
    }
}
