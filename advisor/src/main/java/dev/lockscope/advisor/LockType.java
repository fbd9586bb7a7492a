package dev.lockscope.advisor;

/** What kind of lock it is: the remedies differ (a monitor cannot become a read-write lock in place). */
public enum LockType {
    MONITOR, REENTRANT_LOCK, READ_WRITE_LOCK, STAMPED_LOCK, SEMAPHORE, OTHER;

    /** From a JFR monitor/blocker class name and whether the waits were monitor enters. */
    public static LockType of(String lockClass, boolean monitor) {
        if (monitor) {
            return MONITOR;
        }
        if (lockClass == null) {
            return OTHER;
        }
        if (lockClass.startsWith("java.util.concurrent.locks.ReentrantReadWriteLock")) {
            return READ_WRITE_LOCK;
        }
        if (lockClass.startsWith("java.util.concurrent.locks.ReentrantLock")
                || lockClass.startsWith("dev.lockscope.locks.AdaptiveReentrantLock")) {
            return REENTRANT_LOCK;
        }
        if (lockClass.equals("java.util.concurrent.locks.StampedLock")) {
            return STAMPED_LOCK;
        }
        if (lockClass.startsWith("java.util.concurrent.Semaphore")) {
            return SEMAPHORE;
        }
        return OTHER;
    }
}
