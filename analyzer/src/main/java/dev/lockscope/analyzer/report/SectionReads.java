package dev.lockscope.analyzer.report;

import dev.lockscope.advisor.Figure;
import dev.lockscope.advisor.LockEvidence;
import dev.lockscope.advisor.LockType;
import dev.lockscope.advisor.Source;
import dev.lockscope.analyzer.aggregate.SectionIndex;
import dev.lockscope.analyzer.aggregate.TopCounts;
import dev.lockscope.events.CriticalSection;

/**
 * A share of readers for exclusive locks, which cannot tell readers from writers themselves: the share of a
 * lock's recorded waits whose acquiring frame lies in a section the agent classified as read-only from bytecode.
 * Estimated, since the classification is a heuristic (a section is read-only when it stores nothing and calls no
 * method named like a mutator; what it calls is not looked into).
 */
final class SectionReads {
    /** Under half of the waits at classified sites, the share would speak for too few of them: left missing. */
    static final double MIN_CLASSIFIED = 0.5;
    static final String BASIS = "bytecode of the acquire sites, classified at class load: read-only when a section "
            + "stores no field, static or array element and calls no method named like a mutator";

    private SectionReads() {
    }

    /** The estimate from the waits' acquiring sites, or a missing figure saying why there is none. */
    static Figure of(TopCounts sites, SectionIndex index) {
        if (index.isEmpty()) {
            return Figure.missing("no " + CriticalSection.NAME + " events: record with the lockscope agent from JVM start");
        }
        long all = 0;
        long classified = 0;
        long reads = 0;
        for (TopCounts.Entry e : sites.top(Integer.MAX_VALUE)) {
            all += e.count();
            Boolean readOnly = TopCounts.OTHER.equals(e.name()) ? null : index.readOnly(e.name());
            if (readOnly != null) {
                classified += e.count();
                if (readOnly) {
                    reads += e.count();
                }
            }
        }
        if (all == 0 || classified < all * MIN_CLASSIFIED) {
            return Figure.missing("only " + classified + " of " + all + " waits were at classified acquire sites");
        }
        return Figure.estimated((double) reads / classified, BASIS + "; " + reads + " of " + classified
                + " waits at classified sites were in read-only sections");
    }

    /** The evidence with its read share taken from the sections where the agent had none (exclusive locks). */
    static LockEvidence apply(LockEvidence e, TopCounts sites, SectionIndex index) {
        boolean exclusive = e.type() == LockType.MONITOR || e.type() == LockType.REENTRANT_LOCK;
        if (!exclusive || e.readShare().source() != Source.MISSING) {
            return e;
        }
        Figure reads = of(sites, index);
        if (!reads.known() && index.isEmpty()) {
            return e; // the row's own reason for the missing figure says more
        }
        return e.withReadShare(reads);
    }
}
