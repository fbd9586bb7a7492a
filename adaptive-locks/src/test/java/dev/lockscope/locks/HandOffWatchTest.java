package dev.lockscope.locks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Only the thread that just lost the lock to a spinner, coming back at once while that spinner owns it, naps. */
class HandOffWatchTest {
    private final Thread previousOwner = new Thread(() -> { });
    private final Thread spinner = new Thread(() -> { });
    private final Thread other = new Thread(() -> { });

    @Test
    void thePreviousOwnerComingStraightBackBounced() {
        HandOffWatch watch = new HandOffWatch();
        watch.spinnerWon(spinner, previousOwner, 1_000L);
        assertThat(watch.bouncedBack(previousOwner, spinner, 1_000L + HandOffWatch.BOUNCE_NANOS - 1)).isTrue();
        assertThat(watch.bouncedBack(previousOwner, spinner, 1_000L + HandOffWatch.BOUNCE_NANOS)).as("just too late").isFalse();
    }

    @Test
    void otherThreadsOwnersAndLateReturnsDidNot() throws InterruptedException {
        HandOffWatch watch = new HandOffWatch();
        assertThat(watch.bouncedBack(previousOwner, spinner)).as("nothing won yet").isFalse();
        watch.spinnerWon(spinner, previousOwner, System.nanoTime());
        assertThat(watch.bouncedBack(other, spinner)).as("a third thread").isFalse();
        assertThat(watch.bouncedBack(previousOwner, other)).as("the lock changed hands since").isFalse();
        assertThat(watch.bouncedBack(previousOwner, null)).as("the lock is free").isFalse();
        Thread.sleep(2);
        assertThat(HandOffWatch.BOUNCE_NANOS).isLessThan(2_000_000L);
        assertThat(watch.bouncedBack(previousOwner, spinner)).as("back after outside work").isFalse();
    }

    @Test
    void aWinWithNoOwnerSeenOrFromItselfIsNotAHandOff() {
        HandOffWatch watch = new HandOffWatch();
        watch.spinnerWon(spinner, null, System.nanoTime());
        watch.spinnerWon(spinner, spinner, System.nanoTime());
        assertThat(watch.bouncedBack(spinner, spinner)).isFalse();
        assertThat(watch.bouncedBack(previousOwner, spinner)).isFalse();
    }

    /**
     * On a real lock: the thread that lost it to a spinner naps outside the queue, then (the owner still holding
     * it) spins and queues as usual, and still gets the lock when the owner lets go: the nap loses no wake-up.
     */
    @Test
    void aBouncingThreadNapsThenQueuesAndStillGetsTheLock() throws Exception {
        TestProbe probe = new TestProbe(); // owners always on CPU: the waiter spins after its nap
        AdaptiveReentrantLock lock = probe.newLock(false);
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch letGo = new java.util.concurrent.CountDownLatch(1);
        Thread owner = new Thread(() -> {
            lock.lock();
            held.countDown();
            try {
                letGo.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        });
        owner.start();
        held.await();
        Thread me = Thread.currentThread();
        // As if the owner had just taken the lock from this thread by spinning (a win in the future is "just now").
        lock.handOffsForTest().spinnerWon(owner, me, System.nanoTime() + 60_000_000_000L);
        Thread releaser = new Thread(() -> {
            Waits.until(() -> lock.hasQueuedThread(me), "the napped thread queued");
            letGo.countDown();
        });
        releaser.start();
        lock.lock();
        try {
            assertThat(lock.isHeldByCurrentThread()).isTrue();
            assertThat(lock.handOffsForTest().naps()).isEqualTo(1);
        } finally {
            lock.unlock();
        }
        Waits.join(owner);
        Waits.join(releaser);
    }

    /** A deserialized lock starts with a fresh watch: another JVM's clock readings and thread ids mean nothing. */
    @Test
    void aDeserializedLockForgetsItsHandOffs() throws Exception {
        AdaptiveReentrantLock lock = new TestProbe().newLock(false);
        lock.handOffsForTest().spinnerWon(spinner, previousOwner, System.nanoTime() + 60_000_000_000L);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(lock);
        }
        AdaptiveReentrantLock copy;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (AdaptiveReentrantLock) in.readObject();
        }
        assertThat(lock.handOffsForTest().bouncedBack(previousOwner, spinner)).isTrue();
        assertThat(copy.handOffsForTest().bouncedBack(previousOwner, spinner)).isFalse();
        copy.lock();
        copy.unlock();
    }
}
