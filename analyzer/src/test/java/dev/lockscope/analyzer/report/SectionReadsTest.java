package dev.lockscope.analyzer.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lockscope.advisor.Figure;
import dev.lockscope.advisor.LockEvidence;
import dev.lockscope.advisor.LockType;
import dev.lockscope.advisor.Source;
import dev.lockscope.advisor.Waits;
import dev.lockscope.analyzer.aggregate.SectionIndex;
import dev.lockscope.analyzer.aggregate.TopCounts;
import org.junit.jupiter.api.Test;

/** The read share of an exclusive lock from the agent's section classification, joined on the waits' sites. */
class SectionReadsTest {

    static SectionIndex cacheSections() {
        SectionIndex idx = new SectionIndex();
        idx.add("com.acme.Cache", "get", 22, true);
        idx.add("com.acme.Cache", "put", 33, false);
        return idx;
    }

    static TopCounts sites(Object... nameCount) {
        TopCounts t = new TopCounts();
        for (int i = 0; i < nameCount.length; i += 2) {
            t.add((String) nameCount[i], ((Number) nameCount[i + 1]).longValue(), 1000);
        }
        return t;
    }

    @Test
    void shareOfWaitsAtReadOnlySites() {
        Figure f = SectionReads.of(sites("com.acme.Cache.get:22", 95, "com.acme.Cache.put:33", 5), cacheSections());
        assertThat(f.source()).isEqualTo(Source.ESTIMATED);
        assertThat(f.value()).isCloseTo(0.95, within(1e-9));
        assertThat(f.origin()).contains("95 of 100 waits at classified sites were in read-only sections");
    }

    @Test
    void unclassifiedWaitsAreLeftOutUpToHalf() {
        // 60 of 100 waits classified: the share is over those.
        Figure f = SectionReads.of(sites("com.acme.Cache.get:22", 50, "com.acme.Cache.put:33", 10,
                "com.acme.Other.run:7", 40), cacheSections());
        assertThat(f.value()).isCloseTo(50.0 / 60, within(1e-9));
        // Fewer than half classified: missing, saying why.
        Figure few = SectionReads.of(sites("com.acme.Cache.get:22", 49, "com.acme.Other.run:7", 51), cacheSections());
        assertThat(few.known()).isFalse();
        assertThat(few.origin()).isEqualTo("only 49 of 100 waits were at classified acquire sites");
    }

    @Test
    void aLineThatMatchesNoSectionFallsBackToItsMethodWhenUnambiguous() {
        SectionIndex idx = cacheSections();
        idx.add("com.acme.Cache", "sync", 40, true);   // a synchronized method, classified at its first line
        assertThat(idx.readOnly("com.acme.Cache.sync:39")).isTrue();
        idx.add("com.acme.Cache", "both", 50, true);
        idx.add("com.acme.Cache", "both", 55, false);
        assertThat(idx.readOnly("com.acme.Cache.both:50")).isTrue();
        assertThat(idx.readOnly("com.acme.Cache.both:52")).isNull(); // its sections disagree: unknown
        assertThat(idx.readOnly("com.acme.Nope.x:1")).isNull();
    }

    @Test
    void twoSectionsOnOneLineAreReadOnlyOnlyIfBothAre() {
        SectionIndex idx = new SectionIndex();
        idx.add("A", "m", 3, true);
        idx.add("A", "m", 3, false);
        assertThat(idx.readOnly("A.m:3")).isFalse();
    }

    @Test
    void withoutSectionEventsTheRowKeepsItsOwnReason() {
        LockEvidence e = evidence(LockType.REENTRANT_LOCK, Figure.missing("an exclusive lock cannot tell readers from writers"));
        LockEvidence same = SectionReads.apply(e, sites("com.acme.Cache.get:22", 10), new SectionIndex());
        assertThat(same.readShare().origin()).isEqualTo("an exclusive lock cannot tell readers from writers");
    }

    @Test
    void onlyExclusiveLocksWithoutAMeasuredShareGetTheEstimate() {
        TopCounts waits = sites("com.acme.Cache.get:22", 9, "com.acme.Cache.put:33", 1);
        assertThat(SectionReads.apply(evidence(LockType.MONITOR, Figure.missing("x")), waits, cacheSections())
                .readShare().value()).isCloseTo(0.9, within(1e-9));
        Figure measured = Figure.measured(0.3, "agent hooks, read vs write waits");
        assertThat(SectionReads.apply(evidence(LockType.READ_WRITE_LOCK, measured), waits, cacheSections()).readShare())
                .isSameAs(measured);
        assertThat(SectionReads.apply(evidence(LockType.SEMAPHORE, Figure.missing("x")), waits, cacheSections())
                .readShare().known()).isFalse();
    }

    static LockEvidence evidence(LockType type, Figure reads) {
        Figure none = Figure.missing("none");
        return new LockEvidence("L1", type, Waits.recorded(10, 1_000_000, 1000, 2000, "jdk.ThreadPark", "20 ms"),
                Figure.measured(0.05, "test"), none, none, none, reads, none, Waits.NONE);
    }
}
