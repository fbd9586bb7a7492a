package dev.lockscope.locks;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The long soak: every stress scenario, repeatedly, for -Dlockscope.soak.seconds (default 0 = skipped).
 * Run: mvn -pl adaptive-locks -am test -Dtest=SoakTest -Dsurefire.failIfNoSpecifiedTests=false -Dlockscope.soak.seconds=600
 */
class SoakTest {
    @Test
    void soak() throws Exception {
        long seconds = Long.getLong("lockscope.soak.seconds", 0);
        assumeTrue(seconds > 0, "soak skipped: set -Dlockscope.soak.seconds=N to run it");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int round = 0;
        while (System.nanoTime() - end < 0) {
            for (LockVariants.Variant v : LockVariants.ours()) {
                boolean fair = (round & 1) == 1;
                MutualExclusionStressTest.hammer(v.create(fair), new int[] {2, 8, 64}[round % 3], 1_000_000_000L);
                InterruptAndTimeoutRaceTest.race(v.create(fair), 8, 500_000_000L);
                ConditionStressTest.boundedBuffer(v.create(fair), 8, 8, 5_000);
                ConditionStressTest.permits(v.create(fair), 12, 4, 2_000);
            }
            System.out.println("soak round " + ++round + " passed");
        }
    }
}
