package dev.lockscope.agent.advice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.advisor.Verdict;
import dev.lockscope.agent.registry.LockRegistry;
import dev.lockscope.agent.registry.LockStats;
import dev.lockscope.agent.registry.TestLocks;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * The in-agent advice on hand-fed registry counters: one log line per new verdict (after it held two rounds),
 * listeners told only about constructed sites, with the site exactly as the reports print it.
 */
class AdviceEngineTest {
    private static final long SECOND = 1_000_000_000L;
    private static final String SITE = "com.example.Ledger.<init>:11";
    private static final String RL = "java.util.concurrent.locks.ReentrantLock$NonfairSync";

    private final LockRegistry registry = new LockRegistry(64, 256, 1024, 16);
    private final List<String> log = new ArrayList<>();
    private final List<String> told = new ArrayList<>();
    /** The simulated process's CPU time: two CPUs busy all along, so each simulated second adds two. */
    private long cpu;
    private final AdviceEngine engine = new AdviceEngine(registry, new RunnableSampler(2), 10, () -> false, log::add,
            () -> cpu);
    private long now;

    /**
     * One second of contention: 100 waits of 5 ms (far over 1% of active thread-time), {@code holds} holds of
     * {@code holdNs}.
     */
    private static void contend(LockStats s, int holds, long holdNs) {
        for (int i = 0; i < 100; i++) {
            s.recordWait(5_000_000, false, true);
        }
        for (int i = 0; i < holds; i++) {
            s.recordHold(holdNs);
        }
    }

    private void round() {
        now += SECOND;
        cpu += 2 * SECOND;
        engine.round(now);
    }

    private List<String> linesAbout(String site) {
        return log.stream().filter(l -> l.contains(" at " + site + " (")).toList();
    }

    @Test
    void aVerdictIsAnnouncedOnceAndAgainOnlyWhenItChanges() {
        engine.addListener((site, verdict) -> told.add(site + "=" + verdict));
        ReentrantLock lock = new ReentrantLock();
        LockStats ledger = TestLocks.constructed(registry, lock, RL, SITE);
        LockStats cache = registry.monitor("com.example.PriceCache", 0x1000);
        for (int r = 0; r < 4; r++) {
            contend(ledger, 100, 2_000); // 2 us holds: short
            contend(cache, 0, 0);
            round();
        }
        assertThat(linesAbout(SITE)).hasSize(1);
        assertThat(linesAbout(SITE).get(0)).contains("(constructed): adopt lockscope's adaptive lock [ADOPT_ADAPTIVE_LOCK, low confidence]");
        assertThat(told).containsExactly(SITE + "=ADOPT_ADAPTIVE_LOCK");
        // Monitors are advised and logged, but only constructed sites reach the listeners (adapt= can swap only those).
        assertThat(linesAbout("com.example.PriceCache")).hasSize(1);
        assertThat(linesAbout("com.example.PriceCache").get(0)).contains("(monitor-class)").contains("[INCONCLUSIVE");

        // The holds grow long: once the window's mean hold passes 20 us the verdict changes, announced once.
        for (int r = 0; r < 12; r++) {
            contend(ledger, 1000, 200_000);
            contend(cache, 0, 0);
            round();
        }
        assertThat(linesAbout(SITE)).hasSize(2);
        assertThat(linesAbout(SITE).get(1)).contains("[INCONCLUSIVE");
        assertThat(told).containsExactly(SITE + "=ADOPT_ADAPTIVE_LOCK", SITE + "=INCONCLUSIVE");
        assertThat(linesAbout("com.example.PriceCache")).hasSize(1);
        assertThat(engine.announcements()).isEqualTo(3);
    }

    @Test
    void aFewWaitsOrCheapOnesDoNotTurnTheRunnableSamplerOnButALockWorthAdvisingDoes() {
        LockStats startup = registry.monitor("com.example.Startup", 0x2000);
        // Threads starting together: a few waits, fewer than a site needs to be advised.
        for (int i = 0; i < AdviceEngine.MIN_WAITS - 1; i++) {
            startup.recordWait(2_000_000, false, true);
        }
        round();
        assertThat(engine.sampling()).as("%d waits in the window", AdviceEngine.MIN_WAITS - 1).isFalse();

        // The window now holds MIN_WAITS, so the site is advised, but 20 ms of waits is far under 1% of the active
        // thread-time of a window (two CPUs busy for a few seconds): "not worth touching" whatever the runnable threads
        // are, so they are not sampled. (A latch awaited once a second, as JMH does, looks like this.)
        startup.recordWait(2_000_000, false, true);
        round();
        assertThat(engine.sampling()).isFalse();

        // Waits that cost real thread-time: 100 waits of 50 ms, 5 s a round beside 2 s of CPU time.
        for (int i = 0; i < 100; i++) {
            startup.recordWait(50_000_000, false, true);
        }
        round();
        assertThat(engine.sampling()).isTrue();

        // Quiet for a whole window: the site leaves it and sampling stops again.
        for (int r = 0; r < SiteWindow.ROUNDS; r++) {
            round();
        }
        assertThat(engine.sampling()).isFalse();
    }

    @Test
    void idleTheAdviceThreadSleepsUntilTheNextRoundAndSamplesOnlyWhileALockIsAdvisable() {
        assertThat(AdviceEngine.pauseMs(false, RunnableSampler.MIN_INTERVAL_MS, 900)).isEqualTo(900);
        assertThat(AdviceEngine.pauseMs(true, RunnableSampler.MIN_INTERVAL_MS, 900)).isEqualTo(RunnableSampler.MIN_INTERVAL_MS);
        // A sampler slowed by its own cost still never pauses past the round.
        assertThat(AdviceEngine.pauseMs(true, 2_000, 900)).isEqualTo(900);
        // A round already due (the clock passed it): wake at once, never sleep a negative or zero time.
        assertThat(AdviceEngine.pauseMs(false, RunnableSampler.MIN_INTERVAL_MS, -5)).isEqualTo(1);
    }

    @Test
    void aVerdictMustHoldTwoRoundsAndQuietLocksAreNotAdvised() {
        engine.addListener((site, verdict) -> told.add(site + "=" + verdict));
        LockStats ledger = TestLocks.constructed(registry, new ReentrantLock(), RL, SITE);
        contend(ledger, 100, 2_000);
        round();
        assertThat(log).as("one round is not enough").isEmpty();
        round();
        assertThat(log).as("the window still holds the first round's figures").hasSize(1);
        // A lock with fewer than MIN_WAITS waits in the window is not advised at all.
        LockStats rare = TestLocks.constructed(registry, new ReentrantLock(), RL, "com.example.Rare.<init>:3");
        rare.recordWait(5_000_000, false, true);
        round();
        round();
        assertThat(linesAbout("com.example.Rare.<init>:3")).isEmpty();
    }

    @Test
    void aFailingListenerIsLoggedAndTheOthersStillHear() {
        engine.addListener((site, verdict) -> {
            throw new IllegalStateException("boom");
        });
        engine.addListener((site, verdict) -> told.add(site + "=" + verdict));
        LockStats ledger = TestLocks.constructed(registry, new ReentrantLock(), RL, SITE);
        for (int r = 0; r < 2; r++) {
            contend(ledger, 100, 2_000);
            round();
        }
        assertThat(told).containsExactly(SITE + "=" + Verdict.ADOPT_ADAPTIVE_LOCK);
        assertThat(log).anyMatch(l -> l.startsWith("verdict listener failed: java.lang.IllegalStateException: boom"));
    }
}
