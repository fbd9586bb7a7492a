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
}
