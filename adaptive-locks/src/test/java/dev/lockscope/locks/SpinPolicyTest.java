package dev.lockscope.locks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/** The policy itself: park at once when the owner is off CPU, spin (bounded) while it runs, learn, report. */
class SpinPolicyTest {

    @Test
    void waiterDoesNotSpinWhileOwnerIsOffCpu() throws Exception {
        TestProbe probe = new TestProbe();
        probe.answer = OwnerProbe.OFF_CPU;
        ReentrantLock lock = probe.newLock(false);
        registerAsOwner(probe);
        lock.lock();
        Thread waiter = new Thread(lock::lock);
        waiter.start();
        Waits.until(() -> lock.hasQueuedThread(waiter), "waiter queued");
        assertThat(probe.calls.get()).as("probe asked once, then parked").isEqualTo(1);
        lock.unlock();
        Waits.join(waiter);
    }

    @Test
    void waiterSpinsWhileOwnerRunsThenParksAndLearns() throws Exception {
        TestProbe probe = new TestProbe();
        AdaptiveReentrantLock lock = probe.newLock(false);
        int before = lock.spinBudgetNanos();
        registerAsOwner(probe);
        lock.lock();
        Thread waiter = new Thread(lock::lock);
        waiter.start();
        Waits.until(() -> lock.hasQueuedThread(waiter), "waiter queued after its budget");
        assertThat(probe.calls.get()).as("probe asked while spinning").isPositive();
        assertThat(lock.spinBudgetNanos()).as("a budget that ran out while the owner ran grows").isGreaterThan(before);
        lock.unlock();
        Waits.join(waiter);
    }

    /** Owners are looked up by tid once they have taken a contended path; the tests' main thread has not. */
    private static void registerAsOwner(TestProbe probe) {
        SpinPolicy.oracle(probe).registerCurrentThread();
    }

    @Test
    void unknownOwnerFallsBackToPortableRule() throws Exception {
        TestProbe probe = new TestProbe();
        probe.answer = OwnerProbe.UNKNOWN;
        ReentrantLock lock = probe.newLock(false);
        registerAsOwner(probe);
        lock.lock();
        Thread waiter = new Thread(lock::lock);
        waiter.start();
        Waits.until(() -> lock.hasQueuedThread(waiter), "waiter queued");
        lock.unlock();
        Waits.join(waiter);
        assertThat(probe.calls.get()).isPositive();
    }

    /** A spinner that has won the lock but not yet left the slot does not send the next waiter to the queue. */
    @Test
    void aWaiterTakesOverTheSlotOfASpinnerThatAlreadyOwnsTheLock() throws Exception {
        SpinGate gate = new SpinGate(SpinPolicy.oracle(new TestProbe()), false);
        Thread winner = new Thread(() -> { });
        // The winner sits in the slot and owns the lock; our waiter sees the lock freed on its first look.
        assertThat(gate.occupyForTest(winner)).isTrue();
        java.util.concurrent.atomic.AtomicReference<Thread> owner = new java.util.concurrent.atomic.AtomicReference<>(winner);
        SpinGate.Target lock = new SpinGate.Target() {
            @Override
            public boolean tryOnce() {
                return owner.compareAndSet(null, Thread.currentThread());
            }

            @Override
            public Thread owner() {
                if (gate.spinnerIs(winner)) {
                    return winner; // the winner owns it and is still in the slot
                }
                owner.compareAndSet(winner, null); // once the slot is taken over, the winner releases
                return owner.get();
            }

            @Override
            public boolean mustQueue() {
                return false;
            }
        };
        assertThat(gate.spin(lock, false, 0L)).as("spun and took the lock instead of queueing").isTrue();
        assertThat(owner.get()).isSameAs(Thread.currentThread());
        assertThat(gate.hasSpinner()).as("the slot is left empty").isFalse();
    }

    /** A real spinner (not the owner) keeps the slot: the next waiter queues. */
    @Test
    void aWaiterQueuesBehindASpinnerThatDoesNotOwnTheLock() {
        SpinGate gate = new SpinGate(SpinPolicy.oracle(new TestProbe()), false);
        Thread spinning = new Thread(() -> { });
        assertThat(gate.occupyForTest(spinning)).isTrue();
        SpinGate.Target lock = new SpinGate.Target() {
            @Override
            public boolean tryOnce() {
                throw new AssertionError("must not try: another thread is the spinner");
            }

            private final Thread someoneElse = new Thread(() -> { });

            @Override
            public Thread owner() {
                return someoneElse;
            }

            @Override
            public boolean mustQueue() {
                return false;
            }
        };
        assertThat(gate.spin(lock, false, 0L)).isFalse();
        assertThat(gate.hasSpinner()).isTrue();
    }

    @Test
    void budgetStaysWithinBoundsUnderShortHolds() throws Exception {
        AdaptiveReentrantLock lock = new TestProbe().newLock(false);
        MutualExclusionStressTest.hammer(lock, 2, 200_000_000L);
        assertThat(lock.spinBudgetNanos()).isBetween(SpinBudget.MIN_NANOS, SpinBudget.MAX_NANOS);
    }

    @Test
    void budgetLearnsFromWaits() {
        SpinBudget b = new SpinBudget();
        for (int i = 0; i < 50; i++) b.onAcquired(1_000);
        assertThat(b.nanos()).isBetween(1_900, 2_000);
        for (int i = 0; i < 200; i++) b.onAcquired(50);
        int low = b.nanos();
        assertThat(low).as("short waits lower it to near the floor").isBetween(SpinBudget.MIN_NANOS, SpinBudget.MIN_NANOS + 16);
        b.onBudgetExhausted();
        assertThat(b.nanos()).as("a hold that outlasted the budget doubles it").isEqualTo(2 * low);
        for (int i = 0; i < 50; i++) b.onBudgetExhausted();
        assertThat(b.nanos()).as("never past the cap").isEqualTo(SpinBudget.MAX_NANOS);
        for (int i = 0; i < 50; i++) b.onAcquired(1_000_000);
        assertThat(b.nanos()).isEqualTo(SpinBudget.MAX_NANOS);
    }

    @Test
    void budgetCoversTheLongestRecentWaitAndForgetsItSlowly() {
        SpinBudget b = new SpinBudget();
        b.onAcquired(1_800);
        assertThat(b.nanos()).as("one long remaining hold raises the budget at once").isEqualTo(3_600);
        for (int i = 0; i < 4; i++) b.onAcquired(100);
        assertThat(b.nanos()).as("short waits lower it slowly").isGreaterThan(2_500);
        for (int i = 0; i < 200; i++) b.onAcquired(100);
        assertThat(b.nanos()).isLessThan(SpinBudget.MIN_NANOS + 50);
    }

    @Test
    void longHoldsStopMostSpinsUntilASpinSucceedsAgain() {
        SpinBudget b = new SpinBudget();
        while (b.nanos() < SpinBudget.MAX_NANOS) b.onBudgetExhausted();
        assertThat(b.holdsLong()).as("a smaller budget only grows").isFalse();
        for (int i = 0; i < SpinBudget.LONG_HOLD_STREAK - 1; i++) b.onBudgetExhausted();
        assertThat(b.holdsLong()).isFalse();
        assertThat(b.shouldSpin()).isTrue();
        b.onBudgetExhausted();
        assertThat(b.holdsLong()).as("%d spins in a row ran out", SpinBudget.LONG_HOLD_STREAK).isTrue();
        int spins = 0;
        for (int i = 0; i < 10 * SpinBudget.PROBE_EVERY; i++) {
            if (b.shouldSpin()) spins++;
        }
        assertThat(spins).as("only probing spins while holds are long").isEqualTo(10);
        b.onAcquired(100);
        assertThat(b.holdsLong()).isFalse();
        assertThat(b.shouldSpin()).isTrue();
    }

    @Test
    void waiterForALongHoldSkipsTheSpinOnceHoldsAreKnownLong() throws Exception {
        TestProbe probe = new TestProbe(); // owner always on a CPU: only the budget stops a spin
        AdaptiveReentrantLock lock = probe.newLock(false);
        registerAsOwner(probe);
        lock.lock();
        try {
            // The budget doubles from 2 us to the largest one, then that many more spins run out.
            for (int i = 0; i < 40 && !lock.holdsKnownLong(); i++) {
                Thread waiter = new Thread(() -> tryBriefly(lock));
                waiter.start();
                Waits.join(waiter);
            }
            long asked = probe.calls.get();
            assertThat(asked).as("the first waiters spun, asking about the owner").isPositive();
            assertThat(lock.holdsKnownLong()).isTrue();
            for (int i = 0; i < SpinBudget.PROBE_EVERY - 1; i++) {
                Thread waiter = new Thread(() -> tryBriefly(lock));
                waiter.start();
                Waits.join(waiter);
            }
            assertThat(probe.calls.get()).as("no spin, so the probe is not asked").isEqualTo(asked);
        } finally {
            lock.unlock();
        }
    }

    /** A timed attempt goes through the spin gate, then times out in the queue (the test holds the lock). */
    private static void tryBriefly(ReentrantLock lock) {
        try {
            if (lock.tryLock(5, java.util.concurrent.TimeUnit.MILLISECONDS)) throw new AssertionError("lock is held");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void policyReportsItsSource() {
        assertThat(new TestProbe().newLock(false).policy())
                .isEqualTo(new LockPolicy(LockPolicy.Kind.ON_CPU_ORACLE, "test probe"));
        LockPolicy portable = AdaptiveReentrantLock.portable(false).policy();
        assertThat(portable.kind()).isEqualTo(LockPolicy.Kind.PORTABLE);
        assertThat(portable.source()).contains("/proc/loadavg");
        LockPolicy best = new AdaptiveReentrantLock().policy();
        assertThat(best).isEqualTo(AdaptiveReentrantLock.defaultPolicy());
        assertThat(best.source()).isNotBlank();
        System.out.println("default policy in this JVM: " + best);
    }

    @Test
    void runnableCountParsesLoadavg() {
        byte[] line = "0.11 0.19 0.11 3/84 4769\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(RunnableLoad.parseRunning(line, line.length)).isEqualTo(3);
        byte[] bad = "garbage".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(RunnableLoad.parseRunning(bad, bad.length)).isEqualTo(-1);
        assertThat(RunnableLoad.readRunnable()).isPositive(); // Linux CI: at least this thread runs
    }
}
