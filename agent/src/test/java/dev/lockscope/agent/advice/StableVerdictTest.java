package dev.lockscope.agent.advice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.advisor.Advice;
import dev.lockscope.advisor.Confidence;
import dev.lockscope.advisor.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The announced verdict's rules on hand-made advice: first after two rounds of the window, a change only after the
 * announced verdict was absent for a whole window, and a confidence that says how settled it is.
 */
class StableVerdictTest {
    private static final long SECOND = 1_000_000_000L;
    private final StableVerdict stable = new StableVerdict();
    private final List<StableVerdict.Published> published = new ArrayList<>();
    private long round;

    private static Advice advice(Verdict v, Confidence c) {
        return new Advice(v, c, "because " + v, List.of("figures for " + v), List.of(), "effect of " + v);
    }

    /** One advised round whose own verdict is {@code v}; returns what it published (null: nothing announced yet). */
    private StableVerdict.Published give(Verdict v, Confidence c) {
        StableVerdict.Published p = stable.observe(round, round * SECOND, advice(v, c));
        round++;
        published.add(p);
        return p;
    }

    private long changes() {
        return published.stream().filter(p -> p != null && p.changed()).count();
    }

    @Test
    void aFirstVerdictIsAnnouncedOnceTheAdvisorGaveItTwiceAndReadsOneStepLowerUntilItHeldAWholeWindow() {
        assertThat(give(Verdict.ADOPT_ADAPTIVE_LOCK, Confidence.HIGH)).as("one round is not enough").isNull();
        StableVerdict.Published p = give(Verdict.ADOPT_ADAPTIVE_LOCK, Confidence.HIGH);
        assertThat(p.changed()).isTrue();
        assertThat(p.advice().verdict()).isEqualTo(Verdict.ADOPT_ADAPTIVE_LOCK);
        assertThat(p.advice().confidence()).as("just announced").isEqualTo(Confidence.MEDIUM);
        assertThat(p.agreeingRounds()).isEqualTo(2);
        for (int r = 2; r < SiteWindow.ROUNDS - 1; r++) {
            assertThat(give(Verdict.ADOPT_ADAPTIVE_LOCK, Confidence.HIGH).advice().confidence()).isEqualTo(Confidence.MEDIUM);
        }
        p = give(Verdict.ADOPT_ADAPTIVE_LOCK, Confidence.HIGH);
        assertThat(p.agreeingRounds()).isEqualTo(SiteWindow.ROUNDS);
        assertThat(p.advice().confidence()).as("given in every round of the window").isEqualTo(Confidence.HIGH);
        assertThat(p.changed()).isFalse();
        assertThat(changes()).isEqualTo(1);
    }

    @Test
    void aVerdictFlipFloppingEveryRoundIsAnnouncedOnceAndNeverChanges() {
        // Figures on a threshold: the advisor's verdict alternates every round, from the very first.
        for (int r = 0; r < 60; r++) {
            give(r % 2 == 0 ? Verdict.FEWER_THREADS : Verdict.SHORTEN_CRITICAL_SECTION, Confidence.MEDIUM);
        }
        assertThat(published.get(0)).isNull();
        assertThat(published.get(1)).as("each verdict given once so far").isNull();
        assertThat(published.get(2).changed()).as("FEWER_THREADS given in 2 rounds of the window").isTrue();
        assertThat(changes()).as("announced once, not per flip").isEqualTo(1);
        for (StableVerdict.Published p : published.subList(2, published.size())) {
            assertThat(p.advice().verdict()).isEqualTo(Verdict.FEWER_THREADS);
            // Never settled: one step below MEDIUM when this round agrees, LOW when it gives the other verdict.
            assertThat(p.advice().confidence()).isEqualTo(Confidence.LOW);
            assertThat(p.agreeingRounds()).isBetween(2, SiteWindow.ROUNDS / 2);
            if (p.roundVerdict() == Verdict.FEWER_THREADS) {
                assertThat(p.evidenceAgeNanos()).isZero();
            } else {
                // The reason and evidence are those of the last round that gave the announced verdict: one second ago.
                assertThat(p.evidenceAgeNanos()).isEqualTo(SECOND);
                assertThat(p.advice().reason()).isEqualTo("because FEWER_THREADS");
                assertThat(p.advice().evidence()).containsExactly("figures for FEWER_THREADS");
            }
        }
    }

    @Test
    void aLastingChangeIsAnnouncedAfterAWholeWindowAndOnlyThen() {
        for (int r = 0; r < 12; r++) {
            give(Verdict.ADOPT_ADAPTIVE_LOCK, Confidence.HIGH);
        }
        // The program changes for good: the advisor's verdict turns and stays.
        for (int r = 1; r < SiteWindow.ROUNDS; r++) {
            StableVerdict.Published p = give(Verdict.SHORTEN_CRITICAL_SECTION, Confidence.HIGH);
            assertThat(p.changed()).as("round %d of the new verdict", r).isFalse();
            assertThat(p.advice().verdict()).isEqualTo(Verdict.ADOPT_ADAPTIVE_LOCK);
            assertThat(p.roundVerdict()).isEqualTo(Verdict.SHORTEN_CRITICAL_SECTION);
            assertThat(p.advice().confidence()).as("this round's figures say otherwise").isEqualTo(Confidence.LOW);
            assertThat(p.agreeingRounds()).isEqualTo(SiteWindow.ROUNDS - r);
            assertThat(p.evidenceAgeNanos()).isEqualTo(r * SECOND);
        }
        StableVerdict.Published p = give(Verdict.SHORTEN_CRITICAL_SECTION, Confidence.HIGH);
        assertThat(p.changed()).as("the new verdict held a whole window").isTrue();
        assertThat(p.advice().verdict()).isEqualTo(Verdict.SHORTEN_CRITICAL_SECTION);
        assertThat(p.advice().reason()).isEqualTo("because SHORTEN_CRITICAL_SECTION");
        assertThat(p.advice().confidence()).as("just changed").isEqualTo(Confidence.MEDIUM);
        assertThat(p.evidenceAgeNanos()).isZero();
        // It reads one step lower for a whole window after the change, then the advisor's own.
        for (int r = 1; r < SiteWindow.ROUNDS; r++) {
            assertThat(give(Verdict.SHORTEN_CRITICAL_SECTION, Confidence.HIGH).advice().confidence()).isEqualTo(Confidence.MEDIUM);
        }
        assertThat(give(Verdict.SHORTEN_CRITICAL_SECTION, Confidence.HIGH).advice().confidence()).isEqualTo(Confidence.HIGH);
        assertThat(changes()).isEqualTo(2);
    }

    @Test
    void aChangeWaitsForAWholeWindowOfAdvisedRounds() {
        for (int r = 0; r < 3; r++) {
            give(Verdict.ADOPT_ADAPTIVE_LOCK, Confidence.MEDIUM);
        }
        // The site drops out of the advised ones for a round (too few waits, or not in the top-N): that round says
        // nothing, so ten rounds later the window does not yet show ten rounds of the new verdict.
        round++;
        for (int r = 0; r < SiteWindow.ROUNDS - 1; r++) {
            assertThat(give(Verdict.INCONCLUSIVE, Confidence.LOW).changed()).isFalse();
        }
        assertThat(give(Verdict.INCONCLUSIVE, Confidence.LOW).changed()).as("a whole window of advised rounds").isTrue();
        assertThat(changes()).isEqualTo(2);
    }

    @Test
    void settlingBackAfterAFlipRestoresTheAdvisorsConfidenceOnceTheWindowAgreesAgain() {
        for (int r = 0; r < SiteWindow.ROUNDS; r++) {
            give(Verdict.READ_WRITE_LOCK, Confidence.HIGH);
        }
        assertThat(give(Verdict.INCONCLUSIVE, Confidence.LOW).advice().confidence()).isEqualTo(Confidence.LOW);
        for (int r = 1; r < SiteWindow.ROUNDS; r++) {
            assertThat(give(Verdict.READ_WRITE_LOCK, Confidence.HIGH).advice().confidence()).isEqualTo(Confidence.MEDIUM);
        }
        assertThat(give(Verdict.READ_WRITE_LOCK, Confidence.HIGH).advice().confidence()).isEqualTo(Confidence.HIGH);
        assertThat(changes()).isEqualTo(1);
    }
}
