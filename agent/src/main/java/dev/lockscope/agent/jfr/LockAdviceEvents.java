package dev.lockscope.agent.jfr;

import dev.lockscope.advisor.Advice;
import dev.lockscope.agent.registry.Site;
import dev.lockscope.events.LockAdvice;

/** Writes {@code dev.lockscope.LockAdvice}: one lock site's announced verdict, with the window it rests on. */
public final class LockAdviceEvents {
    private LockAdviceEvents() {
    }

    /**
     * @param roundVerdict   this round's own verdict (may differ from the announced one while it settles)
     * @param agreeingRounds rounds in a row that gave the announced verdict
     */
    public static void commit(String lockClass, Site site, Advice a, String roundVerdict, int agreeingRounds,
                              long evidenceAgeNanos, long windowNanos, long waits, long waitNanos) {
        LockAdvice e = new LockAdvice();
        if (!e.isEnabled()) {
            return;
        }
        e.lockClass = lockClass;
        e.site = site.where;
        e.siteKind = site.kind;
        e.verdict = a.verdict().name();
        e.confidence = a.confidence().name();
        e.reason = a.reason();
        e.evidence = String.join(" | ", a.evidence());
        e.missingEvidence = String.join(" | ", a.missing());
        e.expectedEffect = a.expectedEffect();
        e.roundVerdict = roundVerdict;
        e.agreeingRounds = agreeingRounds;
        e.evidenceAge = evidenceAgeNanos;
        e.window = windowNanos;
        e.waits = waits;
        e.waitTime = waitNanos;
        e.commit();
    }
}
