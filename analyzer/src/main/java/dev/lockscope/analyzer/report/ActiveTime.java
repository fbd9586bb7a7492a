package dev.lockscope.analyzer.report;

import dev.lockscope.advisor.Source;
import dev.lockscope.analyzer.aggregate.AgentLockStats;
import dev.lockscope.analyzer.aggregate.LockStats;
import dev.lockscope.analyzer.aggregate.RecordingFacts;
import java.util.List;

/**
 * Active thread-time, the denominator of lock rows' shares: the JVMs' CPU time plus every lock row's waits, i.e. the
 * time threads spent working or trying to. A server's idle pool threads (parked for work, sleeping, blocked on a
 * socket) add nothing to it, so a lock that costs its few busy threads a tenth of their time reads as a tenth, not as
 * a fraction of a percent of 200 mostly idle threads. Live threads x duration would have them all.
 */
final class ActiveTime {
    private ActiveTime() {
    }

    /**
     * @param lockStats  the recordings' lock rows (JFR waits)
     * @param agentOnly  locks only the agent saw (their waits count too)
     * @param liveNanos  live thread-time, the fallback where a recording has no CPU load
     */
    static Denominator of(List<RecordingFacts> recordings, List<LockStats> lockStats, List<AgentLockStats> agentOnly,
                          long liveNanos, String liveSource) {
        long cpu = 0;
        long samples = 0;
        for (RecordingFacts f : recordings) {
            long c = f.cpuNanos();
            if (c < 0) {
                String file = f.layout().path().getFileName().toString();
                return new Denominator(liveNanos, "live thread-time (" + liveSource + "), as " + file + " has no "
                        + "jdk.CPULoad or jdk.CPUInformation events to tell busy threads from idle ones (record with "
                        + "lockscope.jfc): idle threads dilute these shares", Source.ESTIMATED);
            }
            cpu += c;
            samples += f.cpuSamples();
        }
        long waits = 0;
        for (LockStats s : lockStats) {
            waits += s.totalNanos();
        }
        for (AgentLockStats a : agentOnly) {
            waits += a.waitNanos();
        }
        return new Denominator(cpu + waits, "the JVM's CPU time (jdk.CPULoad x hardware "
                + "threads x duration, " + samples + " samples) + every lock row's waits; idle threads add nothing",
                Source.SAMPLED);
    }
}
