package dev.lockscope.analyzer.report;

import dev.lockscope.advisor.Figure;
import dev.lockscope.advisor.LockEvidence;
import dev.lockscope.advisor.LockType;
import dev.lockscope.analyzer.aggregate.LockStats;

/**
 * The advisor's evidence from what a JDK recording holds: the waits. Hold times, owners' CPU state, futex counts
 * and reader shares are not in JDK events; they are reported missing, with how to get them.
 */
final class PlainRecordingEvidence {
    static final String NEEDS_AGENT = "not in JDK events; record with the lockscope agent";
    static final String NEEDS_PROBE = "not in JDK events; record with the lockscope agent and its native probe (Linux)";

    private PlainRecordingEvidence() {
    }

    static LockEvidence of(String id, LockStats s, double shareOfThreadTime) {
        LockType type = LockType.of(s.key().lockClass(), s.key().family().equals("monitor"));
        return new LockEvidence(id, type, s.count(), s.totalNanos(), shareOfThreadTime, s.percentileNanos(50),
                s.percentileNanos(99), Figure.missing(NEEDS_AGENT), Figure.missing(NEEDS_PROBE),
                Figure.missing(NEEDS_PROBE), Figure.missing(NEEDS_AGENT), Figure.missing(NEEDS_PROBE));
    }
}
