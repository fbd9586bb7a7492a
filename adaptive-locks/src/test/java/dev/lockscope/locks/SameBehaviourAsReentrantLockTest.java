package dev.lockscope.locks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * ReentrantLock is the specification: each scenario runs on the JDK's lock and on ours (every policy, fair
 * and non-fair) and must produce the same observable trace (results, exceptions, inspection answers).
 */
class SameBehaviourAsReentrantLockTest {

    /** A scenario writes what it observes into a trace. */
    interface Scenario {
        void run(ReentrantLock lock, List<String> trace) throws Exception;
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioMatchesReentrantLock() {
        List<DynamicTest> tests = new ArrayList<>();
        for (LockVariants.Variant v : LockVariants.ours()) {
            for (boolean fair : new boolean[] {false, true}) {
                scenarios().forEach((name, scenario) -> tests.add(DynamicTest.dynamicTest(
                        v + (fair ? " fair " : " non-fair ") + name, () -> {
                            List<String> expected = trace(scenario, LockVariants.JDK.create(fair));
                            List<String> actual = trace(scenario, v.create(fair));
                            assertThat(actual).as("trace of %s vs ReentrantLock", v).isEqualTo(expected);
                            assertThat(expected).isNotEmpty();
                        })));
            }
        }
        return tests.stream();
    }

    private static List<String> trace(Scenario s, ReentrantLock lock) throws Exception {
        List<String> trace = new ArrayList<>();
        s.run(lock, trace);
        return trace;
    }

    private static java.util.Map<String, Scenario> scenarios() {
        java.util.LinkedHashMap<String, Scenario> m = new java.util.LinkedHashMap<>();
        m.put("reentrancy and hold counts", SameBehaviourAsReentrantLockTest::reentrancy);
        m.put("seen from another thread", SameBehaviourAsReentrantLockTest::otherThread);
        m.put("queue inspection", SameBehaviourAsReentrantLockTest::queueInspection);
        m.put("interrupts", SameBehaviourAsReentrantLockTest::interrupts);
        m.put("timeouts", SameBehaviourAsReentrantLockTest::timeouts);
        m.put("condition misuse", SameBehaviourAsReentrantLockTest::conditionMisuse);
        m.put("condition waiters", SameBehaviourAsReentrantLockTest::conditionWaiters);
        m.put("serialization", SameBehaviourAsReentrantLockTest::serialization);
        m.put("toString", SameBehaviourAsReentrantLockTest::toStringFormat);
        return m;
    }

    static String attempt(Callable c) {
        try {
            return String.valueOf(c.call());
        } catch (Throwable e) {
            return e.getClass().getName();
        }
    }

    interface Callable {
        Object call() throws Throwable;
    }

    static void reentrancy(ReentrantLock lock, List<String> t) {
        LockVariants.Inspectable in = (LockVariants.Inspectable) lock;
        t.add("fair=" + lock.isFair());
        t.add("initial " + lock.isLocked() + " " + lock.getHoldCount() + " " + lock.isHeldByCurrentThread() + " " + in.owner());
        for (int i = 0; i < 3; i++) {
            lock.lock();
            t.add("locked " + lock.getHoldCount() + " " + lock.isHeldByCurrentThread() + " " + (in.owner() == Thread.currentThread()));
        }
        t.add("tryLock " + lock.tryLock() + " " + lock.getHoldCount());
        t.add(attempt(() -> {
            lock.lockInterruptibly();
            return lock.getHoldCount();
        }));
        t.add(attempt(() -> lock.tryLock(1, TimeUnit.MILLISECONDS) + " " + lock.getHoldCount()));
        while (lock.getHoldCount() > 0) {
            lock.unlock();
            t.add("unlocked " + lock.getHoldCount() + " " + lock.isLocked());
        }
        t.add("extra unlock " + attempt(() -> {
            lock.unlock();
            return "ok";
        }));
        t.add("owner after " + in.owner());
    }

    static void otherThread(ReentrantLock lock, List<String> t) throws Exception {
        lock.lock();
        List<String> seen = new ArrayList<>();
        Thread other = new Thread(() -> {
            seen.add("tryLock " + lock.tryLock());
            seen.add("timed " + attempt(() -> lock.tryLock(2, TimeUnit.MILLISECONDS)));
            seen.add("zero " + attempt(() -> lock.tryLock(0, TimeUnit.SECONDS)));
            seen.add("negative " + attempt(() -> lock.tryLock(-5, TimeUnit.SECONDS)));
            seen.add("held " + lock.isHeldByCurrentThread() + " " + lock.getHoldCount() + " " + lock.isLocked());
            seen.add("unlock " + attempt(() -> {
                lock.unlock();
                return "ok";
            }));
            seen.add("owner is main " + (((LockVariants.Inspectable) lock).owner() != Thread.currentThread()));
        });
        other.start();
        Waits.join(other);
        t.addAll(seen);
        lock.unlock();
    }

    static void queueInspection(ReentrantLock lock, List<String> t) throws Exception {
        LockVariants.Inspectable in = (LockVariants.Inspectable) lock;
        lock.lock();
        t.add("empty " + lock.hasQueuedThreads() + " " + lock.getQueueLength() + " " + in.queued().size());
        Thread a = new Thread(lock::lock, "a");
        a.start();
        Waits.until(() -> lock.hasQueuedThread(a), "a queued");
        t.add("one " + lock.hasQueuedThreads() + " " + lock.getQueueLength() + " " + in.queued().contains(a)
                + " " + lock.hasQueuedThread(Thread.currentThread()));
        t.add("null " + attempt(() -> lock.hasQueuedThread(null)));
        lock.unlock();
        Waits.until(() -> in.owner() == a, "a owns");
        t.add("a owns " + lock.isLocked() + " " + lock.hasQueuedThread(a) + " " + lock.getQueueLength()
                + " " + lock.isHeldByCurrentThread());
        Waits.join(a); // a ends holding the lock; nobody else uses it any more
    }

    static void interrupts(ReentrantLock lock, List<String> t) throws Exception {
        Thread.currentThread().interrupt();
        t.add("pre-interrupted lockInterruptibly " + attempt(() -> {
            lock.lockInterruptibly();
            return "acquired";
        }) + " flag " + Thread.interrupted() + " held " + lock.isHeldByCurrentThread());
        Thread.currentThread().interrupt();
        t.add("pre-interrupted timed " + attempt(() -> lock.tryLock(1, TimeUnit.SECONDS)) + " flag " + Thread.interrupted());
        Thread.currentThread().interrupt();
        t.add("pre-interrupted tryLock " + lock.tryLock() + " flag " + Thread.interrupted());
        lock.unlock();
        Thread.currentThread().interrupt();
        lock.lock(); // lock() ignores interrupts and keeps the flag
        t.add("lock() keeps flag " + Thread.interrupted() + " " + lock.getHoldCount());
        List<String> seen = new ArrayList<>();
        Thread waiter = new Thread(() -> seen.add("blocked waiter " + attempt(() -> {
            lock.lockInterruptibly();
            return "acquired";
        }) + " held " + lock.isHeldByCurrentThread() + " flag " + Thread.currentThread().isInterrupted()));
        waiter.start();
        Waits.until(() -> lock.hasQueuedThread(waiter), "waiter queued");
        waiter.interrupt();
        Waits.join(waiter);
        t.addAll(seen);
        t.add("after cancel " + lock.hasQueuedThreads() + " " + lock.getQueueLength());
        lock.unlock();
        t.add("still usable " + lock.tryLock());
        lock.unlock();
    }

    static void timeouts(ReentrantLock lock, List<String> t) throws Exception {
        lock.lock();
        List<String> seen = new ArrayList<>();
        Thread waiter = new Thread(() -> {
            long start = System.nanoTime();
            seen.add("timed out " + attempt(() -> lock.tryLock(20, TimeUnit.MILLISECONDS)));
            seen.add("waited enough " + (System.nanoTime() - start >= 20_000_000L));
            seen.add("held " + lock.isHeldByCurrentThread());
        });
        waiter.start();
        Waits.join(waiter);
        t.addAll(seen);
        t.add("queue after timeout " + lock.hasQueuedThreads());
        Thread winner = new Thread(() -> seen.add("granted " + attempt(() -> {
            boolean got = lock.tryLock(10, TimeUnit.SECONDS);
            if (got) lock.unlock();
            return got;
        })));
        winner.start();
        Waits.until(() -> lock.hasQueuedThread(winner), "winner queued");
        lock.unlock();
        Waits.join(winner);
        t.add(seen.get(seen.size() - 1));
    }

    static void conditionMisuse(ReentrantLock lock, List<String> t) {
        Condition c = lock.newCondition();
        Condition foreignSameKind = (lock instanceof AdaptiveReentrantLock ? new AdaptiveReentrantLock() : new ReentrantLock()).newCondition();
        Condition foreignOtherKind = (lock instanceof AdaptiveReentrantLock ? new ReentrantLock() : new AdaptiveReentrantLock()).newCondition();
        Condition notAqs = new ReentrantLock().newCondition() instanceof Condition ? new FakeCondition() : null;
        LockVariants.Inspectable in = (LockVariants.Inspectable) lock;
        t.add("await unheld " + attempt(() -> {
            c.await();
            return "ok";
        }));
        t.add("signal unheld " + attempt(() -> {
            c.signal();
            return "ok";
        }));
        t.add("hasWaiters unheld " + attempt(() -> lock.hasWaiters(c)));
        t.add("length unheld " + attempt(() -> lock.getWaitQueueLength(c)));
        t.add("threads unheld " + attempt(() -> in.waiting(c)));
        lock.lock();
        for (Condition x : new Condition[] {c, foreignSameKind, foreignOtherKind, notAqs, null}) {
            t.add("hasWaiters " + attempt(() -> lock.hasWaiters(x)));
            t.add("length " + attempt(() -> lock.getWaitQueueLength(x)));
            t.add("threads " + attempt(() -> in.waiting(x)));
        }
        t.add("awaitNanos timeout " + attempt(() -> {
            lock.lock();
            long left = c.awaitNanos(1_000_000L);
            return (left <= 0) + " hold " + lock.getHoldCount();
        }));
        lock.unlock();
        lock.unlock();
        t.add("released " + lock.isLocked());
    }

    static void conditionWaiters(ReentrantLock lock, List<String> t) throws Exception {
        Condition c = lock.newCondition();
        LockVariants.Inspectable in = (LockVariants.Inspectable) lock;
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread a = new Thread(() -> {
            lock.lock();
            try {
                c.awaitUninterruptibly();
                seen.add("a woke holding " + lock.getHoldCount());
            } finally {
                lock.unlock();
            }
        });
        a.start();
        Waits.until(() -> {
            lock.lock();
            try {
                return lock.hasWaiters(c);
            } finally {
                lock.unlock();
            }
        }, "a waits");
        lock.lock();
        t.add("waiters " + lock.hasWaiters(c) + " " + lock.getWaitQueueLength(c) + " " + in.waiting(c).contains(a));
        c.signal();
        t.add("after signal " + lock.hasWaiters(c) + " " + lock.getWaitQueueLength(c) + " queued " + lock.hasQueuedThread(a));
        lock.unlock();
        Waits.join(a);
        t.addAll(seen);
        Thread b = new Thread(() -> {
            lock.lock();
            try {
                seen.add("b await " + attempt(() -> {
                    c.await();
                    return "returned";
                }) + " holding " + lock.getHoldCount());
            } finally {
                lock.unlock();
            }
        });
        b.start();
        Waits.untilBlocked(b);
        Waits.until(() -> {
            lock.lock();
            try {
                return lock.hasWaiters(c);
            } finally {
                lock.unlock();
            }
        }, "b waits");
        b.interrupt();
        Waits.join(b);
        t.add(seen.get(seen.size() - 1));
    }

    static void serialization(ReentrantLock lock, List<String> t) throws Exception {
        lock.lock();
        lock.lock();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(lock);
        }
        ReentrantLock copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (ReentrantLock) in.readObject();
        }
        t.add("same class " + (copy.getClass() == lock.getClass()));
        t.add("copy " + copy.isLocked() + " " + copy.getHoldCount() + " " + copy.isFair() + " " + copy.hasQueuedThreads());
        t.add("copy usable " + copy.tryLock() + " " + copy.getHoldCount());
        copy.lock();
        Condition c = copy.newCondition();
        t.add("copy condition " + attempt(() -> c.awaitNanos(1000) <= 0));
        copy.unlock();
        copy.unlock();
        Thread other = new Thread(() -> {
            copy.lock(); // contended path on a deserialized lock
            copy.unlock();
        });
        copy.lock();
        other.start();
        Waits.until(() -> copy.hasQueuedThread(other), "other queued on copy");
        copy.unlock();
        Waits.join(other);
        t.add("copy free " + copy.isLocked());
        t.add("original " + lock.getHoldCount());
        lock.unlock();
        lock.unlock();
        if (copy instanceof AdaptiveReentrantLock) {
            assertThat(((AdaptiveReentrantLock) copy).policy()).isNotNull();
        }
    }

    static void toStringFormat(ReentrantLock lock, List<String> t) throws Exception {
        String prefix = lock.getClass().getName() + "@" + Integer.toHexString(lock.hashCode());
        t.add("unlocked " + lock.toString().equals(prefix + "[Unlocked]"));
        lock.lock();
        t.add("locked " + lock.toString().equals(prefix + "[Locked by thread " + Thread.currentThread().getName() + "]"));
        lock.unlock();
    }

    /** A Condition that is not AQS's. */
    static final class FakeCondition implements Condition {
        @Override
        public void await() {
        }

        @Override
        public void awaitUninterruptibly() {
        }

        @Override
        public long awaitNanos(long nanosTimeout) {
            return 0;
        }

        @Override
        public boolean await(long time, TimeUnit unit) {
            return false;
        }

        @Override
        public boolean awaitUntil(java.util.Date deadline) {
            return false;
        }

        @Override
        public void signal() {
        }

        @Override
        public void signalAll() {
        }
    }
}
