package dev.lockscope.agent.hooks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.AbstractOwnableSynchronizer;
import java.util.concurrent.locks.AbstractQueuedLongSynchronizer;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Reads private state of the JDK's locks (the agent opens java.util.concurrent.locks and java.util.concurrent
 * to itself at start): a lock's synchronizer, a synchronizer's exclusive owner, a condition's lock.
 */
public final class SyncAccess {
    private final VarHandle reentrantSync;
    private final VarHandle rwSync;
    private final VarHandle semaphoreSync;
    private final VarHandle owner;
    private final VarHandle conditionOuter;
    private final VarHandle longConditionOuter;

    public SyncAccess() throws ReflectiveOperationException {
        MethodHandles.Lookup l = MethodHandles.lookup();
        reentrantSync = field(l, ReentrantLock.class, "sync");
        rwSync = field(l, ReentrantReadWriteLock.class, "sync");
        semaphoreSync = field(l, Semaphore.class, "sync");
        owner = field(l, AbstractOwnableSynchronizer.class, "exclusiveOwnerThread");
        conditionOuter = field(l, AbstractQueuedSynchronizer.ConditionObject.class, "this$0");
        longConditionOuter = field(l, AbstractQueuedLongSynchronizer.ConditionObject.class, "this$0");
    }

    private static VarHandle field(MethodHandles.Lookup l, Class<?> c, String name) throws ReflectiveOperationException {
        MethodHandles.Lookup p = MethodHandles.privateLookupIn(c, l);
        Class<?> type = c.getDeclaredField(name).getType();
        return p.findVarHandle(c, name, type);
    }

    /** The object the hooks see for {@code lock}: its synchronizer, or the lock itself (StampedLock). */
    public Object syncOf(Object lock) {
        if (lock instanceof ReentrantLock) {
            return reentrantSync.get((ReentrantLock) lock);
        }
        if (lock instanceof ReentrantReadWriteLock) {
            return rwSync.get((ReentrantReadWriteLock) lock);
        }
        if (lock instanceof Semaphore) {
            return semaphoreSync.get((Semaphore) lock);
        }
        return lock;
    }

    /** The exclusive owner of an AQS-family synchronizer, or null. */
    public Thread ownerOf(Object sync) {
        if (sync instanceof AbstractOwnableSynchronizer) {
            return (Thread) owner.get((AbstractOwnableSynchronizer) sync);
        }
        return null;
    }

    /** The synchronizer a condition belongs to, or null. */
    public Object lockOfCondition(Object condition) {
        if (condition instanceof AbstractQueuedSynchronizer.ConditionObject) {
            return conditionOuter.get((AbstractQueuedSynchronizer.ConditionObject) condition);
        }
        if (condition instanceof AbstractQueuedLongSynchronizer.ConditionObject) {
            return longConditionOuter.get((AbstractQueuedLongSynchronizer.ConditionObject) condition);
        }
        return null;
    }

    /** The user-facing class name of a synchronizer: the JDK lock for its inner Sync classes, else its own class. */
    public static String lockClassOf(Object sync) {
        String n = sync.getClass().getName();
        int d = n.indexOf('$');
        if (d > 0 && n.startsWith("java.util.concurrent.")) {
            return n.substring(0, d);
        }
        return n;
    }
}
