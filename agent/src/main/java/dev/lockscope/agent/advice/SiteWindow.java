package dev.lockscope.agent.advice;

import dev.lockscope.agent.registry.LockStats;
import dev.lockscope.agent.registry.Site;

/**
 * One lock site's contention over the last {@link #ROUNDS} advice rounds: a ring of per-round deltas of the
 * registry's counters (all instances of the site added up), so the advice rests on a few seconds of figures
 * instead of one noisy period, and follows the program when it changes; and the verdicts given on them
 * ({@link StableVerdict}), which start afresh when the site was quiet for a whole window.
 */
final class SiteWindow {
    /** 10 rounds of 1 s: long enough for stable shares, short enough to follow a program's phases. */
    static final int ROUNDS = 10;

    final Site site;
    final String lockClass;
    final StableVerdict verdict = new StableVerdict();
    private final long[][] deltas = new long[ROUNDS][];
    private final long[] roundOf = new long[ROUNDS];

    SiteWindow(Site site, String lockClass) {
        this.site = site;
        this.lockClass = lockClass;
        java.util.Arrays.fill(roundOf, -1);
    }

    /** The counters' increase during {@code round} (added to what that round already has). */
    void add(long round, long[] delta) {
        int slot = (int) (round % ROUNDS);
        if (roundOf[slot] != round || deltas[slot] == null) {
            if (deltas[slot] == null) {
                deltas[slot] = new long[LockStats.FIELDS];
            } else {
                java.util.Arrays.fill(deltas[slot], 0);
            }
            roundOf[slot] = round;
        }
        long[] d = deltas[slot];
        for (int i = 0; i < d.length; i++) {
            d[i] += delta[i];
        }
    }

    /** The delta of {@code round}, or null when the site was quiet then (or the round left the window). */
    long[] round(long round) {
        int slot = (int) (round % ROUNDS);
        return roundOf[slot] == round ? deltas[slot] : null;
    }

    /** Sum of the deltas of rounds (current - ROUNDS, current]. */
    long[] sum(long current) {
        long[] s = new long[LockStats.FIELDS];
        for (long r = current - ROUNDS + 1; r <= current; r++) {
            long[] d = r < 0 ? null : round(r);
            if (d != null) {
                for (int i = 0; i < s.length; i++) {
                    s[i] += d[i];
                }
            }
        }
        return s;
    }

    /** True when no round of the window saw this site. */
    boolean quiet(long current) {
        for (long r = current - ROUNDS + 1; r <= current; r++) {
            if (r >= 0 && round(r) != null) {
                return false;
            }
        }
        return true;
    }
}
