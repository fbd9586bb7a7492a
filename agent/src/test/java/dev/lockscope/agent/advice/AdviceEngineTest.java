package dev.lockscope.agent.advice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.advisor.Thresholds;
import dev.lockscope.advisor.Verdict;
import dev.lockscope.agent.registry.LockRegistry;
import dev.lockscope.agent.registry.LockStats;
import dev.lockscope.agent.registry.TestLocks;
import dev.lockscope.events.LockAdvice;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-agent advice on hand-fed registry counters: one log line per new verdict (first after the advisor gave it
 * in two rounds, a change only after it held a whole window), the LockAdvice events carrying the announced verdict,
 * listeners told only about constructed sites, with the site exactly as the reports print it.
 */
class AdviceEngineTest {
    private static final long SECOND = 1_000_000_000L;
    private static final String SITE = "com.example.Ledger.<init>:11";
    private static final String RL = "java.util.concurrent.locks.ReentrantLock$NonfairSync";

    private final LockRegistry registry = new LockRegistry(64, 256, 1024, 16);
    private final List<String> log = new ArrayList<>();
    private final List<String> told = new ArrayList<>();
    /**
     * The process's CPU time: a fixed 2 CPU-seconds a round (two busy CPUs), so each share's denominator is known
     * rather than whatever the test JVM happened to run.
     */
    private long cpuNanos;
    private final AdviceEngine engine = new AdviceEngine(registry, new RunnableSampler(2), 10, () -> false, log::add,
            () -> cpuNanos);
    private long now;

    /**
     * One second of contention: 100 waits of 5 ms (0.5 s, 20% of a round's active thread-time), {@code holds} holds of
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
        cpuNanos += 2 * SECOND;
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

        // The holds grow long: from the first such round the window's median hold span is long and the advisor's
        // verdict changes, but it is announced only once no round of a whole window gave the old one.
        for (int r = 1; r <= SiteWindow.ROUNDS; r++) {
            contend(ledger, 1000, 200_000);
            contend(cache, 0, 0);
            round();
            assertThat(linesAbout(SITE)).as("after %d rounds of long holds", r).hasSize(r < SiteWindow.ROUNDS ? 1 : 2);
        }
        assertThat(linesAbout(SITE).get(1)).contains("[INCONCLUSIVE");
        assertThat(told).containsExactly(SITE + "=ADOPT_ADAPTIVE_LOCK", SITE + "=INCONCLUSIVE");
        assertThat(linesAbout("com.example.PriceCache")).hasSize(1);
        assertThat(engine.announcements()).isEqualTo(3);
    }

    @Test
    void aFewWaitsOrCheapOnesDoNotTurnTheRunnableSamplerOnButALockWorthAdvisingDoes() {
        LockStats startup = registry.monitor("com.example.Startup", 0x2000);
        // Threads starting together: a few waits, fewer than a site needs to be advised.
        for (int i = 0; i < Thresholds.MIN_WAITS_TO_ADVISE - 1; i++) {
            startup.recordWait(2_000_000, false, true);
        }
        round();
        assertThat(engine.sampling()).as("%d waits in the window", Thresholds.MIN_WAITS_TO_ADVISE - 1).isFalse();

        // The window now holds the advisor's minimum of waits, so the site is advised, but 20 ms of waits is 0.5% of
        // the window's active thread-time (4 s of CPU time and the waits): "not worth touching" whatever the runnable
        // threads are, so they are not sampled. (A latch awaited once a second, as JMH does, looks like this.)
        startup.recordWait(2_000_000, false, true);
        round();
        assertThat(engine.sampling()).isFalse();

        // Waits that cost real thread-time: 100 waits of 50 ms, 5 s in a round of 2 s of CPU time.
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
    void aVerdictMustBeGivenInTwoRoundsAndQuietLocksAreNotAdvised() {
        engine.addListener((site, verdict) -> told.add(site + "=" + verdict));
        LockStats ledger = TestLocks.constructed(registry, new ReentrantLock(), RL, SITE);
        contend(ledger, 100, 2_000);
        round();
        assertThat(log).as("one round is not enough").isEmpty();
        round();
        assertThat(log).as("the window still holds the first round's figures").hasSize(1);
        // A lock with fewer waits in the window than the advisor's minimum is not advised at all.
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

    /**
     * One second of a planted lock whose owners ran {@code onCpu} of the waiting time: 2 us holds, futex calls
     * measured, far over 1% of active thread-time. With no runnable-threads sample the owners' on-CPU share alone
     * decides between "adopt the adaptive lock" (at least 50%) and "inconclusive" (under 50%).
     */
    private static void contendOwnersOnCpu(LockStats s, double onCpu) {
        contend(s, 100, 2_000);
        for (int i = 0; i < 100; i++) {
            s.recordFutexCalls(1);
        }
        s.recordOwnerOnCpu(100_000_000, Math.round(onCpu * 100_000_000));
    }

    @Test
    void evidenceFlipFloppingAroundAThresholdIsAnnouncedOnceAndALastingChangeAfterAWholeWindow(@TempDir Path dir)
            throws Exception {
        LockStats ledger = TestLocks.constructed(registry, new ReentrantLock(), RL, SITE);
        List<Integer> linesAfterRound = new ArrayList<>();
        Path jfr = dir.resolve("advice.jfr");
        try (Recording recording = new Recording()) {
            recording.enable(LockAdvice.class);
            recording.start();
            // 12 rounds of owners on a CPU 90% of the waiting time: adopt the adaptive lock, settled.
            for (int r = 0; r < 12; r++) {
                contendOwnersOnCpu(ledger, 0.9);
                round();
                linesAfterRound.add(linesAbout(SITE).size());
            }
            // 40 rounds whose owner on-CPU share swings around the 50% line (0.2 to 0.8, period 7 s): the window's
            // share crosses 50% one way or the other every few rounds.
            for (int r = 0; r < 40; r++) {
                contendOwnersOnCpu(ledger, 0.5 + 0.3 * Math.sin(2 * Math.PI * (r + 0.25) / 7));
                round();
                linesAfterRound.add(linesAbout(SITE).size());
            }
            // Then owners are preempted for good (10% on a CPU): the advisor no longer advises the adaptive lock.
            for (int r = 0; r < 20; r++) {
                contendOwnersOnCpu(ledger, 0.1);
                round();
                linesAfterRound.add(linesAbout(SITE).size());
            }
            recording.stop();
            recording.dump(jfr);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(jfr).stream()
                .filter(e -> e.getEventType().getName().equals("dev.lockscope.LockAdvice") && SITE.equals(e.getString("site")))
                .sorted(java.util.Comparator.comparing(RecordedEvent::getEndTime)) // a file need not keep commit order
                .toList();
        // An event every round from the first announcement (the advisor gave its verdict in two rounds) on.
        assertThat(events).hasSize(72 - 1);
        List<String> roundVerdicts = events.stream().map(e -> e.getString("roundVerdict")).toList();
        int flips = 0;
        for (int i = 1; i < roundVerdicts.size(); i++) {
            flips += roundVerdicts.get(i).equals(roundVerdicts.get(i - 1)) ? 0 : 1;
        }
        System.out.println("AdviceEngineTest: the advisor's verdict per round " + roundVerdicts.stream()
                .map(v -> v.substring(0, 1)).collect(java.util.stream.Collectors.joining()) + " (" + flips
                + " flips); log:\n" + String.join("\n", linesAbout(SITE)));
        // The premise: the advisor's own verdict did flip-flop in the middle phase (8 flips in 40 rounds here).
        assertThat(flips).as("flips of the advisor's per-round verdict").isGreaterThanOrEqualTo(8);

        List<String> lines = linesAbout(SITE);
        assertThat(lines).as("announced once for the whole flip-flop, once for the lasting change").hasSize(2);
        assertThat(lines.get(0)).contains("[ADOPT_ADAPTIVE_LOCK, low confidence]");
        assertThat(lines.get(1)).contains("[INCONCLUSIVE, low confidence]");
        assertThat(linesAfterRound.subList(1, 52)).as("no line during the flip-flop").allMatch(n -> n == 1);
        // The lasting change: the advisor says INCONCLUSIVE from round `turned` on (event i is round i + 1), and it is
        // announced in the round that makes a whole window of it.
        int turned = roundVerdicts.lastIndexOf("ADOPT_ADAPTIVE_LOCK") + 2;
        assertThat(turned).isGreaterThanOrEqualTo(52);
        int announcedAt = linesAfterRound.indexOf(2);
        assertThat(announcedAt).isEqualTo(turned + SiteWindow.ROUNDS - 1);

        // The events carry the announced verdict, never the round's when they differ, with the confidence rule.
        for (int i = 0; i < events.size(); i++) {
            RecordedEvent e = events.get(i);
            int round = i + 1;
            String verdict = round < announcedAt ? "ADOPT_ADAPTIVE_LOCK" : "INCONCLUSIVE";
            assertThat(e.getString("verdict")).as("round %d", round).isEqualTo(verdict);
            boolean settled = e.getInt("agreeingRounds") == SiteWindow.ROUNDS;
            // ADOPT is advised with medium confidence here (a hold span is an upper bound), INCONCLUSIVE with low.
            String expected = !e.getString("roundVerdict").equals(verdict) ? "LOW"
                    : verdict.equals("INCONCLUSIVE") || !settled ? "LOW" : "MEDIUM";
            assertThat(e.getString("confidence")).as("round %d (%s this round, %d agreeing)", round,
                    e.getString("roundVerdict"), e.getInt("agreeingRounds")).isEqualTo(expected);
            assertThat(e.getString("reason")).isNotBlank();
            if (e.getString("roundVerdict").equals(verdict)) {
                assertThat(e.getDuration("evidenceAge")).isZero();
            } else {
                assertThat(e.getDuration("evidenceAge")).isPositive();
            }
        }
        assertThat(events.get(9).getString("confidence")).as("ten rounds of the same verdict").isEqualTo("MEDIUM");
    }

    /**
     * The live advice has no owners' preempted share (its counters keep their on-CPU time per lock, not their run-queue
     * time): it says so among the missing evidence, and owners seldom on a CPU with no runnable-threads sample are not
     * taken for preempted ones.
     */
    @Test
    void theOwnersPreemptedShareIsMissingWithWhy(@TempDir Path dir) throws Exception {
        LockStats ledger = TestLocks.constructed(registry, new ReentrantLock(), RL, SITE);
        Path jfr = dir.resolve("advice.jfr");
        try (Recording recording = new Recording()) {
            recording.enable(LockAdvice.class);
            recording.start();
            for (int r = 0; r < 3; r++) {
                contendOwnersOnCpu(ledger, 0.1);
                round();
            }
            recording.stop();
            recording.dump(jfr);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(jfr).stream()
                .filter(e -> e.getEventType().getName().equals(LockAdvice.NAME) && SITE.equals(e.getString("site")))
                .toList();
        assertThat(events).isNotEmpty();
        for (RecordedEvent e : events) {
            assertThat(e.getString("missingEvidence"))
                    .contains("owners runnable but preempted while others waited: " + EvidenceBuilder.PREEMPTED_NOT_KEPT);
            assertThat(e.getString("evidence")).doesNotContain("owners runnable but preempted");
            assertThat(e.getString("verdict")).isNotEqualTo(Verdict.FEWER_THREADS.name());
        }
    }
}
