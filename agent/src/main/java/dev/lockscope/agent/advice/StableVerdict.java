package dev.lockscope.agent.advice;

import dev.lockscope.advisor.Advice;
import dev.lockscope.advisor.Confidence;
import dev.lockscope.advisor.Verdict;

/**
 * One lock site's announced verdict, kept steady while the advisor's per-round verdict flips on figures that sit near
 * a threshold. Each round the advisor judges the site's whole window afresh; the announced verdict follows it only
 * when it holds:
 * <ul>
 *   <li>first: the first verdict the advisor gives in {@link #FIRST_AFTER} rounds of the window (in a row or not, so
 *       a site that flip-flops from the start is still announced, once);</li>
 *   <li>change: to this round's verdict, once the site was advised in every round of the last {@link SiteWindow#ROUNDS}
 *       and the announced verdict was given in none of them. So a lasting change is announced a whole window after
 *       the figures turned, and the announced verdict changes at most once a window.</li>
 * </ul>
 * Its confidence says how settled it is: the advisor's own once it is settled (the advisor gave it in every round of
 * the window, and it replaced no other verdict within the window); one step lower (HIGH to MEDIUM, MEDIUM to LOW)
 * when this round gives it but it is not settled (just announced, changed within the window, or flip-flopping); LOW
 * when this round's verdict is another one.
 * Advice thread only; memory: one ring of {@link SiteWindow#ROUNDS} verdicts and the latest advice that gave the
 * announced verdict.
 */
final class StableVerdict {
    /** Rounds of the window that must give a site's first verdict before it is announced. */
    static final int FIRST_AFTER = 2;

    /**
     * What a round publishes about a site: the announced verdict with its settled confidence, its reason and evidence.
     *
     * @param advice          the announced verdict; its reason, evidence, missing evidence and expected effect are
     *                        those of the latest round whose own verdict it was
     * @param roundVerdict    the advisor's verdict on this round's window
     * @param agreeingRounds  rounds of the last {@link SiteWindow#ROUNDS} whose verdict was the announced one
     * @param evidenceAgeNanos 0 when the reason and evidence are this round's, else how long before it they were made
     * @param changed         whether the announced verdict is new or changed this round
     */
    record Published(Advice advice, Verdict roundVerdict, int agreeingRounds, long evidenceAgeNanos, boolean changed) {
    }

    private final Verdict[] given = new Verdict[SiteWindow.ROUNDS];
    private final long[] roundOf = new long[SiteWindow.ROUNDS];
    private Verdict announced;
    /** The round the announced verdict replaced another one, -1 if it is the site's first. */
    private long replacedAt = -1;
    /** The latest advice whose verdict is the announced one, and when (System.nanoTime) its round ended. */
    private Advice basis;
    private long basisAt;

    StableVerdict() {
        java.util.Arrays.fill(roundOf, -1);
    }

    /**
     * Records the advisor's verdict of {@code round} (ending at {@code now}, System.nanoTime) and returns what to
     * publish, or null while no verdict has held long enough to be announced.
     */
    Published observe(long round, long now, Advice advice) {
        int slot = (int) (round % SiteWindow.ROUNDS);
        given[slot] = advice.verdict();
        roundOf[slot] = round;
        Verdict before = announced;
        if (announced == null) {
            if (count(advice.verdict(), round) >= FIRST_AFTER) {
                announced = advice.verdict();
            }
        } else if (advisedEveryRound(round) && count(announced, round) == 0) {
            announced = advice.verdict();
            replacedAt = round;
        }
        if (announced == null) {
            return null;
        }
        if (advice.verdict() == announced) {
            basis = advice;
            basisAt = now;
        }
        int agreeing = count(announced, round);
        boolean settled = agreeing == SiteWindow.ROUNDS && (replacedAt < 0 || round - replacedAt >= SiteWindow.ROUNDS);
        Confidence confidence = advice.verdict() != announced ? Confidence.LOW
                : settled ? basis.confidence() : lower(basis.confidence());
        Advice published = new Advice(announced, confidence, basis.reason(), basis.evidence(), basis.missing(),
                basis.expectedEffect());
        return new Published(published, advice.verdict(), agreeing, Math.max(0, now - basisAt), announced != before);
    }

    /** Rounds of the window ending at {@code round} whose verdict was {@code v}. */
    private int count(Verdict v, long round) {
        int n = 0;
        for (long r = Math.max(0, round - SiteWindow.ROUNDS + 1); r <= round; r++) {
            int s = (int) (r % SiteWindow.ROUNDS);
            if (roundOf[s] == r && given[s] == v) {
                n++;
            }
        }
        return n;
    }

    /** Whether the site was advised in each round of a whole window ending at {@code round}. */
    private boolean advisedEveryRound(long round) {
        if (round < SiteWindow.ROUNDS - 1) {
            return false;
        }
        for (long r = round - SiteWindow.ROUNDS + 1; r <= round; r++) {
            if (roundOf[(int) (r % SiteWindow.ROUNDS)] != r) {
                return false;
            }
        }
        return true;
    }

    static Confidence lower(Confidence c) {
        return c == Confidence.HIGH ? Confidence.MEDIUM : Confidence.LOW;
    }
}
