package dev.lockscope.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StartupQuietTest {
    @Test
    void waitsWhileClassesLoadAndReturnsAfterTwoQuietPolls() throws Exception {
        AtomicLong loads = new AtomicLong();
        int[] polls = {0};
        // Busy for 6 polls (1,000 loads each), then quiet: the wait ends at the second quiet poll.
        long waited = StartupQuiet.await(() -> {
            polls[0]++;
            return polls[0] <= 7 ? loads.addAndGet(1000) : loads.get();
        }, 10_000, 1);
        assertThat(polls[0]).isEqualTo(1 + 6 + StartupQuiet.QUIET_POLLS);
        assertThat(waited).isLessThan(10_000);
    }

    @Test
    void aQuietPollBetweenBusyOnesDoesNotEndTheWait() throws Exception {
        long[] pattern = {0, 1000, 1000, 2000, 2000, 2000, 2000};
        int[] polls = {0};
        StartupQuiet.await(() -> pattern[Math.min(polls[0]++, pattern.length - 1)], 10_000, 1);
        // the first read, busy (-> 1000), quiet once, busy again (-> 2000), then quiet twice
        assertThat(polls[0]).isEqualTo(6);
    }

    @Test
    void neverWaitsLongerThanItsLimit() throws Exception {
        AtomicLong loads = new AtomicLong();
        long waited = StartupQuiet.await(() -> loads.addAndGet(1000), 50, 5);
        assertThat(waited).isBetween(50L, 5_000L);
    }
}
