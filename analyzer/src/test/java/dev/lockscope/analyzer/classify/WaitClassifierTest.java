package dev.lockscope.analyzer.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.analyzer.model.Frame;
import dev.lockscope.analyzer.model.WaitEvent;
import dev.lockscope.analyzer.model.WaitKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which waits are for a lock, which for a signal, which neither: by the top frames first, the blocker second. */
class WaitClassifierTest {
    static final String LOCKS = "java.util.concurrent.locks.";
    static final Frame PARK = new Frame(LOCKS + "LockSupport", "park", 211);
    static final Frame APP = new Frame("com.example.App", "work", 42);

    static WaitEvent park(String blocker, Frame... frames) {
        return new WaitEvent(WaitClassifier.THREAD_PARK, 0, 1000, 1, "t", blocker, 0, null, List.of(frames));
    }

    @Test
    void monitorEventsAreLocksConditionsOrPinningByTheirType() {
        assertThat(WaitClassifier.classify(new WaitEvent(WaitClassifier.MONITOR_ENTER, 0, 1, 1, "t", "a.B", 1, null,
                List.of()))).isEqualTo(WaitKind.LOCK);
        assertThat(WaitClassifier.classify(new WaitEvent(WaitClassifier.MONITOR_WAIT, 0, 1, 1, "t", "a.B", 1, null,
                List.of()))).isEqualTo(WaitKind.CONDITION);
        assertThat(WaitClassifier.classify(new WaitEvent(WaitClassifier.VIRTUAL_THREAD_PINNED, 0, 1, 1, "t", null, 0,
                null, List.of()))).isEqualTo(WaitKind.PINNED);
    }

    @Test
    void aParkInAqsAcquireIsALockAndInAwaitAConditionWhateverTheBlocker() {
        Frame acquire = new Frame(LOCKS + "AbstractQueuedSynchronizer", "acquire", 715);
        Frame await = new Frame(LOCKS + "AbstractQueuedSynchronizer$ConditionObject", "await", 1625);
        assertThat(WaitClassifier.classify(park(LOCKS + "ReentrantLock$NonfairSync", PARK, acquire, APP)))
                .isEqualTo(WaitKind.LOCK);
        assertThat(WaitClassifier.classify(park(LOCKS + "AbstractQueuedSynchronizer$ConditionObject", PARK, await, APP)))
                .isEqualTo(WaitKind.CONDITION);
        // Re-acquiring after await parks on the lock from acquire, called by await: the first telling frame wins.
        assertThat(WaitClassifier.classify(park(LOCKS + "ReentrantLock$NonfairSync", PARK, acquire, await, APP)))
                .isEqualTo(WaitKind.LOCK);
    }

    @Test
    void latchesAndFuturesWaitForAnEventNotAHolder() {
        Frame acquire = new Frame(LOCKS + "AbstractQueuedSynchronizer", "acquireSharedInterruptibly", 1047);
        assertThat(WaitClassifier.classify(park("java.util.concurrent.CountDownLatch$Sync", PARK, acquire, APP)))
                .isEqualTo(WaitKind.OTHER_PARK);
        assertThat(WaitClassifier.classify(park("java.util.concurrent.FutureTask", PARK, APP)))
                .isEqualTo(WaitKind.OTHER_PARK);
    }

    @Test
    void stampedLockAcquiresAreLocks() {
        Frame write = new Frame(LOCKS + "StampedLock", "acquireWrite", 1200);
        assertThat(WaitClassifier.classify(park(LOCKS + "StampedLock", PARK, write, APP))).isEqualTo(WaitKind.LOCK);
    }

    @Test
    void withoutStacksTheBlockersClassDecides() {
        assertThat(WaitClassifier.classify(park(LOCKS + "ReentrantReadWriteLock$NonfairSync"))).isEqualTo(WaitKind.LOCK);
        assertThat(WaitClassifier.classify(park(LOCKS + "AbstractQueuedSynchronizer$ConditionObject")))
                .isEqualTo(WaitKind.CONDITION);
        assertThat(WaitClassifier.classify(park("java.util.concurrent.CountDownLatch$Sync"))).isEqualTo(WaitKind.OTHER_PARK);
        assertThat(WaitClassifier.classify(park(null))).isEqualTo(WaitKind.OTHER_PARK);
        assertThat(WaitClassifier.classify(park("java.util.concurrent.SynchronousQueue$TransferStack")))
                .isEqualTo(WaitKind.OTHER_PARK);
    }

    @Test
    void framesBelowTheInspectedDepthDoNotDecide() {
        Frame[] deep = new Frame[12];
        deep[0] = PARK;
        for (int i = 1; i < 11; i++) {
            deep[i] = new Frame("com.example.Layer" + i, "call", i);
        }
        deep[11] = new Frame(LOCKS + "AbstractQueuedSynchronizer", "acquire", 715);
        // The acquire is 11 frames down: the application's own park (no blocker) stays "other".
        assertThat(WaitClassifier.classify(park(null, deep))).isEqualTo(WaitKind.OTHER_PARK);
    }
}
