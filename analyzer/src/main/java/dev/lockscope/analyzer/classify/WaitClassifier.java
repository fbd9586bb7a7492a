package dev.lockscope.analyzer.classify;

import dev.lockscope.analyzer.model.Frame;
import dev.lockscope.analyzer.model.WaitEvent;
import dev.lockscope.analyzer.model.WaitKind;
import java.util.List;

/**
 * Decides whether a wait was for a lock, for a signal, or something else. For parks the blocker's class alone is
 * not enough (a thread re-acquiring its lock after {@code Condition.await} parks on the lock, not the condition),
 * so the top frames decide first and the blocker class second.
 */
public final class WaitClassifier {

    public static final String MONITOR_ENTER = "jdk.JavaMonitorEnter";
    public static final String MONITOR_WAIT = "jdk.JavaMonitorWait";
    public static final String THREAD_PARK = "jdk.ThreadPark";
    public static final String VIRTUAL_THREAD_PINNED = "jdk.VirtualThreadPinned";

    /** Frames above this depth are not the park's caller but the application. */
    private static final int FRAMES_TO_INSPECT = 8;

    private WaitClassifier() {
    }

    public static WaitKind classify(WaitEvent e) {
        switch (e.source()) {
            case MONITOR_ENTER:
                return WaitKind.LOCK;
            case MONITOR_WAIT:
                return WaitKind.CONDITION;
            case VIRTUAL_THREAD_PINNED:
                return WaitKind.PINNED;
            default:
                return classifyPark(e.lockClass(), e.frames());
        }
    }

    static WaitKind classifyPark(String blocker, List<Frame> frames) {
        int n = Math.min(frames.size(), FRAMES_TO_INSPECT);
        for (int i = 0; i < n; i++) {
            Frame f = frames.get(i);
            String c = f.className();
            if (c.equals("java.util.concurrent.locks.LockSupport")) {
                continue;
            }
            if (c.endsWith("$ConditionObject") && f.method().startsWith("await")) {
                return WaitKind.CONDITION;
            }
            if (isSynchronizer(c) && f.method().startsWith("acquire")) {
                return latchLike(blocker) ? WaitKind.OTHER_PARK : WaitKind.LOCK;
            }
            if (c.equals("java.util.concurrent.locks.StampedLock")
                    && (f.method().startsWith("acquire") || f.method().startsWith("readLock")
                    || f.method().startsWith("writeLock"))) {
                return WaitKind.LOCK;
            }
        }
        // No telling frames (stack traces off or truncated): fall back on the blocker's class.
        if (blocker == null) {
            return WaitKind.OTHER_PARK;
        }
        if (blocker.endsWith("$ConditionObject")) {
            return WaitKind.CONDITION;
        }
        if (latchLike(blocker)) {
            return WaitKind.OTHER_PARK;
        }
        if (blocker.endsWith("$NonfairSync") || blocker.endsWith("$FairSync") || blocker.endsWith("$Sync")
                || blocker.equals("java.util.concurrent.locks.StampedLock")
                || blocker.equals("java.util.concurrent.ThreadPoolExecutor$Worker")) {
            return WaitKind.LOCK;
        }
        return WaitKind.OTHER_PARK;
    }

    private static boolean isSynchronizer(String className) {
        return className.equals("java.util.concurrent.locks.AbstractQueuedSynchronizer")
                || className.equals("java.util.concurrent.locks.AbstractQueuedLongSynchronizer");
    }

    /** Synchronizers that wait for an event to happen rather than for a holder to leave. */
    private static boolean latchLike(String blocker) {
        return blocker != null && (blocker.startsWith("java.util.concurrent.CountDownLatch")
                || blocker.startsWith("java.util.concurrent.Phaser")
                || blocker.startsWith("java.util.concurrent.FutureTask"));
    }
}
