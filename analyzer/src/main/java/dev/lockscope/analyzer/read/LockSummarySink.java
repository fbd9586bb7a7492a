package dev.lockscope.analyzer.read;

import static dev.lockscope.analyzer.read.JmcRecordingReader.doubleValue;
import static dev.lockscope.analyzer.read.JmcRecordingReader.index;
import static dev.lockscope.analyzer.read.JmcRecordingReader.longValue;
import static dev.lockscope.analyzer.read.JmcRecordingReader.nanos;
import static dev.lockscope.analyzer.read.JmcRecordingReader.string;

import dev.lockscope.analyzer.model.AgentSummary;
import dev.lockscope.analyzer.model.ClassNames;
import dev.lockscope.events.LockSummary.Fields;
import java.util.List;
import org.openjdk.jmc.flightrecorder.parser.IEventSink;
import org.openjdk.jmc.flightrecorder.parser.ValueField;

/**
 * Reads the agent's {@code dev.lockscope.LockSummary} events into {@link AgentSummary}s, by the field names the event
 * class declares. A field an older agent did not write reads as its "not written" value (-1, or null for text).
 */
final class LockSummarySink {
    private LockSummarySink() {
    }

    static IEventSink of(List<ValueField> fields, RecordingVisitor visitor) {
        int lockClass = index(fields, Fields.LOCK_CLASS);
        int site = index(fields, Fields.SITE);
        int siteKind = index(fields, Fields.SITE_KIND);
        int lockId = index(fields, Fields.LOCK_ID);
        int source = index(fields, Fields.SOURCE);
        int period = index(fields, Fields.PERIOD);
        int waits = index(fields, Fields.WAITS);
        int readWaits = index(fields, Fields.READ_WAITS);
        int writeWaits = index(fields, Fields.WRITE_WAITS);
        int waitTime = index(fields, Fields.WAIT_TIME);
        int maxWait = index(fields, Fields.MAX_WAIT);
        int waitHistogram = index(fields, Fields.WAIT_HISTOGRAM);
        int holds = index(fields, Fields.HOLDS);
        int holdTime = index(fields, Fields.HOLD_TIME);
        int maxHold = index(fields, Fields.MAX_HOLD);
        int conditionWaits = index(fields, Fields.CONDITION_WAITS);
        int topOwner = index(fields, Fields.TOP_OWNER);
        int topOwnerShare = index(fields, Fields.TOP_OWNER_SHARE);
        int ownerOnCpuShare = index(fields, Fields.OWNER_ON_CPU_SHARE);
        int futexCalls = index(fields, Fields.FUTEX_CALLS);
        int ownerMeasuredWaitTime = index(fields, Fields.OWNER_MEASURED_WAIT_TIME);
        int futexWaits = index(fields, Fields.FUTEX_WAITS);
        int ownerOnCpuSource = index(fields, Fields.OWNER_ON_CPU_SOURCE);
        int runnableThreadsPerCpu = index(fields, Fields.RUNNABLE_THREADS_PER_CPU);
        int runnableSource = index(fields, Fields.RUNNABLE_SOURCE);
        int holdHistogram = index(fields, Fields.HOLD_HISTOGRAM);
        int virtualWaits = index(fields, Fields.VIRTUAL_WAITS);
        // The agent names classes by Class.getName() ("[I"); every row spells them as JMC does ("int[]").
        return v -> visitor.agentSummary(new AgentSummary(ClassNames.javaName(string(v, lockClass)), string(v, site),
                string(v, siteKind),
                longValue(v, lockId, 0), string(v, source), nanos(v, period), longValue(v, waits, 0),
                longValue(v, readWaits, 0), longValue(v, writeWaits, 0), nanos(v, waitTime), nanos(v, maxWait),
                string(v, waitHistogram), longValue(v, holds, 0), nanos(v, holdTime), nanos(v, maxHold),
                longValue(v, conditionWaits, 0), string(v, topOwner), doubleValue(v, topOwnerShare, 0),
                doubleValue(v, ownerOnCpuShare, -1), longValue(v, futexCalls, -1),
                ownerMeasuredWaitTime < 0 ? -1 : nanos(v, ownerMeasuredWaitTime), longValue(v, futexWaits, -1),
                string(v, ownerOnCpuSource), doubleValue(v, runnableThreadsPerCpu, -1), string(v, runnableSource),
                string(v, holdHistogram), longValue(v, virtualWaits, -1)));
    }
}
