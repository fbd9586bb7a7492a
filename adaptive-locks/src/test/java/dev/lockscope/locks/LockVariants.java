package dev.lockscope.locks;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;

/** The locks every behavioural test runs against: the JDK's ReentrantLock (the specification) and ours. */
final class LockVariants {
    private LockVariants() {
    }

    /** Exposes ReentrantLock's protected inspection methods to the tests. */
    interface Inspectable {
        Thread owner();

        Collection<Thread> queued();

        Collection<Thread> waiting(Condition c);
    }

    static final class JdkLock extends ReentrantLock implements Inspectable {
        JdkLock(boolean fair) {
            super(fair);
        }

        @Override
        public Thread owner() {
            return getOwner();
        }

        @Override
        public Collection<Thread> queued() {
            return getQueuedThreads();
        }

        @Override
        public Collection<Thread> waiting(Condition c) {
            return getWaitingThreads(c);
        }
    }

    static final class OurLock extends AdaptiveReentrantLock implements Inspectable {
        OurLock(boolean fair, SpinPolicy policy) {
            super(fair, policy, false);
        }

        @Override
        public Thread owner() {
            return getOwner();
        }

        @Override
        public Collection<Thread> queued() {
            return getQueuedThreads();
        }

        @Override
        public Collection<Thread> waiting(Condition c) {
            return getWaitingThreads(c);
        }
    }

    /** A named way to make a lock of a given fairness. */
    record Variant(String name, BiFunction<Boolean, TestProbe, ReentrantLock> maker) {
        ReentrantLock create(boolean fair) {
            return maker.apply(fair, new TestProbe());
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final Variant JDK = new Variant("ReentrantLock", (fair, p) -> new JdkLock(fair));

    /** Our lock with each policy the tests can force: best available, portable, probe says on/off/mixed. */
    static List<Variant> ours() {
        return List.of(
                new Variant("adaptive(best)", (fair, p) -> new OurLock(fair, SpinPolicy.best())),
                new Variant("adaptive(portable)", (fair, p) -> new OurLock(fair, SpinPolicy.portable())),
                new Variant("adaptive(probe:on-cpu)", (fair, p) -> new OurLock(fair, SpinPolicy.oracle(p))),
                new Variant("adaptive(probe:off-cpu)", (fair, p) -> {
                    p.answer = OwnerProbe.OFF_CPU;
                    return new OurLock(fair, SpinPolicy.oracle(p));
                }),
                new Variant("adaptive(probe:mixed)", (fair, p) -> {
                    p.answer = 2;
                    return new OurLock(fair, SpinPolicy.oracle(p));
                }),
                new Variant("adaptive(probe:unknown)", (fair, p) -> {
                    p.answer = OwnerProbe.UNKNOWN;
                    return new OurLock(fair, SpinPolicy.oracle(p));
                }));
    }
}
