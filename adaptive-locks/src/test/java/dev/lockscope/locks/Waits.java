package dev.lockscope.locks;

import java.util.function.BooleanSupplier;

/** Polling waits for tests: fail loudly instead of hanging. */
final class Waits {
    private Waits() {
    }

    static void until(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) throw new AssertionError("timed out waiting until " + what);
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    static void join(Thread t) throws InterruptedException {
        t.join(20_000);
        if (t.isAlive()) throw new AssertionError(t.getName() + " still running (hang or lost wakeup?)");
    }

    /** Waits until {@code t} is parked or waiting (so it is queued on the lock or a condition). */
    static void untilBlocked(Thread t) {
        until(() -> {
            Thread.State s = t.getState();
            return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
        }, t.getName() + " blocks");
    }
}
