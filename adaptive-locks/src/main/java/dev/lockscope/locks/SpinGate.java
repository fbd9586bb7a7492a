package dev.lockscope.locks;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * The acquisition policy in front of a lock's queue: at most one thread at a time (the "spinner") spins with
 * {@link Thread#onSpinWait()} for the lock while the {@link SpinPolicy} says its owner is worth waiting for
 * and the per-lock {@link SpinBudget} lasts. Everyone else goes straight to the queue and parks, as the Linux
 * kernel's mutex does with its optimistic-spin queue.
 */
final class SpinGate implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Spin iterations between budget / owner checks (one PAUSE is tens of ns). */
    private static final int CHECK_EVERY = 4;
    private static final VarHandle SPINNER;

    static {
        try {
            SPINNER = MethodHandles.lookup().findVarHandle(SpinGate.class, "spinner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** What the gate needs from its lock. */
    interface Target {
        /** One attempt that must respect the lock's fairness; true if now held. */
        boolean tryOnce();

        /** The current owner, or null. */
        Thread owner();

        /** True if a fair lock has queued waiters a spinner must not pass. */
        boolean mustQueue();
    }

    private final boolean portableOnly;
    private final SpinBudget budget = new SpinBudget();
    /** Transient: its clock readings and thread ids mean nothing in another JVM. */
    private transient HandOffWatch handOffs = new HandOffWatch();
    private transient SpinPolicy policy;
    private transient volatile Thread spinner;

    SpinGate(SpinPolicy policy, boolean portableOnly) {
        this.policy = policy;
        this.portableOnly = portableOnly;
    }

    SpinPolicy policy() {
        return policy;
    }

    int budgetNanos() {
        return budget.nanos();
    }

    /** True while spins keep running out of budget, so most contended acquisitions queue at once. */
    boolean holdsLong() {
        return budget.holdsLong();
    }

    /** Puts {@code t} in the spinner slot if it is empty (tests: a spinner caught mid-spin or leaving). */
    boolean occupyForTest(Thread t) {
        return SPINNER.compareAndSet(this, (Thread) null, t);
    }

    /** True if {@code t} holds the spinner slot (tests). */
    boolean spinnerIs(Thread t) {
        return spinner == t;
    }

    /** The lock's hand-over detector (tests). */
    HandOffWatch handOffs() {
        return handOffs;
    }

    /** True if some thread is spinning for this lock right now (diagnostics and tests). */
    boolean hasSpinner() {
        return spinner != null;
    }

    /**
     * Spins for the lock if this thread may and it is worth it; true with the lock held. Interruptible callers
     * stop at an interrupt (the caller's queue then throws); timed callers stop at {@code deadline} (0 = none).
     */
    boolean spin(Target lock, boolean interruptible, long deadline) {
        policy.registerCurrentThread();
        if (!SpinPolicy.MULTI_CPU) return SpinOutcome.SINGLE_CPU.count(false);
        Thread current = Thread.currentThread();
        // A fair lock's reentrant acquisition with others queued comes here; the caller's queue path takes it at
        // once. Owners never entering the slot means an owner found in it is a spinner that has won.
        Thread owner = lock.owner();
        if (owner == current) return false;
        if (handOffs.bouncedBack(current, owner)) {
            SpinOutcome.BOUNCE_NAP.count(false);
            handOffs.napped();
            if (nap(lock, interruptible, deadline, current)) return true;
        }
        // A spinner that already owns the lock is only leaving the slot: taking it over keeps a waiter arriving in
        // that instant from parking behind a spin that is over. The slot may change under us as that spinner
        // leaves it, hence a second look.
        for (int attempt = 0; ; attempt++) {
            Thread previous = spinner;
            if (previous != null && previous != lock.owner()) return SpinOutcome.OTHER_SPINNER.count(false);
            if (SPINNER.compareAndSet(this, previous, current)) break;
            if (attempt == 1) return SpinOutcome.OTHER_SPINNER.count(false);
        }
        try {
            return spinLoop(lock, interruptible, deadline, current);
        } finally {
            SPINNER.compareAndSet(this, current, (Thread) null); // unless a waiter has taken the slot over
        }
    }

    /**
     * The nap of a thread that bounced straight back to a lock a spinner had just taken from it: a timed park
     * outside the queue (shortened to a deadline), then one try. False leaves the caller to spin or queue.
     */
    private boolean nap(Target lock, boolean interruptible, long deadline, Thread current) {
        long nanos = HandOffWatch.NAP_NANOS;
        if (deadline != 0L) nanos = Math.min(nanos, deadline - System.nanoTime());
        if (nanos > 0L) LockSupport.parkNanos(this, nanos);
        if (interruptible && current.isInterrupted()) return false;
        return lock.tryOnce();
    }

    private boolean spinLoop(Target lock, boolean interruptible, long deadline, Thread current) {
        if (!budget.shouldSpin()) return SpinOutcome.HOLDS_LONG.count(false); // queue like ReentrantLock
        long limit = budget.nanos();
        if (VirtualThreads.isVirtual(current)) limit = Math.min(limit, SpinBudget.VIRTUAL_MAX_NANOS);
        long start = System.nanoTime();
        SpinOutcome refused = policy.refusal(lock.owner());
        if (refused != null) return refused.count(false);
        Thread lastOwner = null;
        for (int i = 1; ; i++) {
            Thread owner = lock.owner();
            if (owner != null) {
                lastOwner = owner;
            } else if (lock.tryOnce()) {
                long now = System.nanoTime();
                budget.onAcquired(now - start);
                handOffs.spinnerWon(current, lastOwner, now);
                return SpinOutcome.ACQUIRED.count(true);
            }
            if (i % CHECK_EVERY == 0) {
                long now = System.nanoTime();
                if (now - start >= limit) {
                    budget.onBudgetExhausted();
                    return SpinOutcome.BUDGET_EXHAUSTED.count(false);
                }
                if (deadline != 0L && now - deadline >= 0) return SpinOutcome.DEADLINE_OR_INTERRUPT.count(false);
                if (interruptible && current.isInterrupted()) return SpinOutcome.DEADLINE_OR_INTERRUPT.count(false);
                if (lock.mustQueue()) return SpinOutcome.FAIR_QUEUE.count(false); // cannot win past a queued waiter
                refused = policy.refusal(lock.owner());
                if (refused != null) return refused.count(false);
            }
            Thread.onSpinWait();
        }
    }

    private void readObject(ObjectInputStream s) throws IOException, ClassNotFoundException {
        s.defaultReadObject();
        policy = portableOnly ? SpinPolicy.portable() : SpinPolicy.best();
        handOffs = new HandOffWatch();
    }
}
