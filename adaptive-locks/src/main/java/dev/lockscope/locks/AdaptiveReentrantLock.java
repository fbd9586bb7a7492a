package dev.lockscope.locks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link ReentrantLock} that, under contention, lets one waiter at a time spin while the owner is running
 * on a CPU, and parks everyone else. It is a drop-in: it keeps ReentrantLock's own synchronizer, so unlock,
 * conditions, queue inspection, {@code getOwner}, {@code toString} and serialization are the JDK's, and only
 * the acquisition methods put a spin policy in front of the JDK's queue.
 *
 * <p>Policy (see {@link #policy()}): with native-probe on the class path and able to answer, a waiter spins
 * only while the owner is on a CPU (measured); otherwise a portable policy spins unless the system has more
 * runnable threads than CPUs (sampled from /proc/loadavg). Either way the spin is bounded by a per-lock
 * budget learned from recent waits (and skipped while spins keep running out: long holds), only one thread
 * spins at a time, and a virtual thread never spins more than a microsecond on its carrier. The uncontended
 * path is ReentrantLock's: one CAS plus the owner store.
 *
 * <pre>{@code
 * private final ReentrantLock lock = new AdaptiveReentrantLock();   // was: new ReentrantLock()
 * }</pre>
 */
public class AdaptiveReentrantLock extends ReentrantLock {
    private static final long serialVersionUID = 1L;

    private final SpinGate gate;
    private transient SpinGate.Target target = new Target();

    /** A non-fair adaptive lock using the best policy this process has. */
    public AdaptiveReentrantLock() {
        this(false);
    }

    /** An adaptive lock, fair if {@code fair}, using the best policy this process has. */
    public AdaptiveReentrantLock(boolean fair) {
        this(fair, SpinPolicy.best(), false);
    }

    /** For tests and for factories that inject a policy. */
    AdaptiveReentrantLock(boolean fair, SpinPolicy policy, boolean portableOnly) {
        super(fair);
        this.gate = new SpinGate(policy, portableOnly);
    }

    /** A lock that uses the portable policy even where native-probe could answer (for comparisons). */
    public static AdaptiveReentrantLock portable(boolean fair) {
        return new AdaptiveReentrantLock(fair, SpinPolicy.portable(), true);
    }

    /** The policy new locks get by default in this process, and why. */
    public static LockPolicy defaultPolicy() {
        return SpinPolicy.best().describe();
    }

    /** This lock's policy and the source of its facts. */
    public LockPolicy policy() {
        return gate.policy().describe();
    }

    /** The current learned spin budget in nanoseconds (diagnostics). */
    public int spinBudgetNanos() {
        return gate.budgetNanos();
    }

    /** True while recent spins kept running out of budget, so most waiters queue at once (tests). */
    boolean holdsKnownLong() {
        return gate.holdsLong();
    }

    /** The lock's hand-over detector (tests). */
    HandOffWatch handOffsForTest() {
        return gate.handOffs();
    }

    @Override
    public void lock() {
        if (!fastTryLock() && !gate.spin(target(), false, 0L)) super.lock();
    }

    @Override
    public void lockInterruptibly() throws InterruptedException {
        if (Thread.interrupted()) throw new InterruptedException();
        if (!fastTryLock() && !gate.spin(target(), true, 0L)) super.lockInterruptibly();
    }

    @Override
    public boolean tryLock(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        if (Thread.interrupted()) throw new InterruptedException();
        if (fastTryLock()) return true;
        if (nanos <= 0L) return super.tryLock(0L, TimeUnit.NANOSECONDS);
        long deadline = System.nanoTime() + nanos;
        if (gate.spin(target(), true, deadline)) return true;
        // ReentrantLock tries once more even with no time left; so does super.tryLock with 0.
        return super.tryLock(Math.max(0L, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /**
     * ReentrantLock's uncontended path: one CAS or a reentrant increment (super.tryLock). A fair lock first
     * yields to queued waiters, as ReentrantLock's fair lock does.
     */
    private boolean fastTryLock() {
        return (!isFair() || !hasQueuedThreads()) && super.tryLock();
    }

    private SpinGate.Target target() {
        return target;
    }

    private void readObject(java.io.ObjectInputStream s) throws java.io.IOException, ClassNotFoundException {
        s.defaultReadObject(); // ReentrantLock's part restores an unlocked lock, as ReentrantLock does
        target = new Target();
    }

    /** The gate's view of this lock. */
    private final class Target implements SpinGate.Target {
        @Override
        public boolean tryOnce() {
            return fastTryLock();
        }

        @Override
        public Thread owner() {
            return getOwner();
        }

        @Override
        public boolean mustQueue() {
            return isFair() && hasQueuedThreads();
        }
    }
}
