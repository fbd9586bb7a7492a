package dev.lockscope.analyzer.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.analyzer.model.AgentSummary;
import dev.lockscope.events.LockSummary;
import dev.lockscope.events.LockWait;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract between the agent, which writes the jfr-events classes, and the analyzer, which reads them by name:
 * every field of the analyzer's view of a LockSummary is written through the event class with a value of its own and
 * must come back as that value. A field renamed on one side only reads as "missing" in reports; this test fails
 * instead, naming it.
 */
class AgentEventContractTest {
    /** AgentSummary component -> LockSummary field, where the names differ (units: the analyzer's are nanos). */
    static final Map<String, String> RENAMED = Map.of("periodNanos", "period", "waitNanos", "waitTime",
            "maxWaitNanos", "maxWait", "holdNanos", "holdTime", "maxHoldNanos", "maxHold",
            "ownerMeasuredWaitNanos", "ownerMeasuredWaitTime");

    @TempDir
    Path dir;

    @Test
    void everyLockSummaryFieldTheAnalyzerReadsComesBackAsWritten() throws Exception {
        LockSummary e = new LockSummary();
        Map<String, Object> written = new LinkedHashMap<>();
        int n = 1;
        for (RecordComponent c : AgentSummary.class.getRecordComponents()) {
            String fieldName = RENAMED.getOrDefault(c.getName(), c.getName());
            Field f = LockSummary.class.getField(fieldName); // fails here when the event lost or renamed the field
            Object value = distinct(f.getType(), fieldName, n++);
            f.set(e, value);
            written.put(c.getName(), value);
        }
        Path jfr = dir.resolve("summary.jfr");
        try (Recording r = new Recording()) {
            r.enable(LockSummary.class);
            r.start();
            e.commit();
            r.stop();
            r.dump(jfr);
        }
        List<AgentSummary> read = new ArrayList<>();
        new JmcRecordingReader().read(ChunkLayout.scan(jfr), new IgnoringVisitor() {
            @Override
            public void agentSummary(AgentSummary s) {
                read.add(s);
            }
        }, x -> { });
        assertThat(read).hasSize(1);
        AgentSummary s = read.get(0);
        for (RecordComponent c : AgentSummary.class.getRecordComponents()) {
            Object got = c.getAccessor().invoke(s);
            assertThat(String.valueOf(got)).as("AgentSummary." + c.getName() + " read back")
                    .isEqualTo(String.valueOf(asType(written.get(c.getName()), c.getType())));
        }
    }

    @Test
    void aLockWaitsStackAndLockIdReachTheAnalyzer() throws Exception {
        Path jfr = dir.resolve("wait.jfr");
        try (Recording r = new Recording()) {
            r.enable(LockWait.class).withStackTrace().withThreshold(java.time.Duration.ZERO);
            r.start();
            LockWait w = new LockWait();
            w.begin();
            w.lockId = 4242;
            w.lockClass = "java.util.concurrent.locks.ReentrantLock$NonfairSync";
            w.end();
            w.commit();
            r.stop();
            r.dump(jfr);
        }
        List<String> sites = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        new JmcRecordingReader().read(ChunkLayout.scan(jfr), new IgnoringVisitor() {
            @Override
            public void agentWaitSite(long lockId, String waitingSite) {
                ids.add(lockId);
                sites.add(waitingSite);
            }
        }, x -> { });
        assertThat(ids).containsExactly(4242L);
        assertThat(sites).singleElement().asString().contains(getClass().getName());
    }

    /** A value no other field of this event gets, of the field's type. */
    private static Object distinct(Class<?> type, String name, int n) {
        if (type == String.class) {
            return name.endsWith("Histogram") ? n + ",0," + (n + 1) : "value-of-" + name;
        }
        if (type == long.class) {
            return 1_000_000L * n + n;
        }
        if (type == int.class) {
            return 1000 * n;
        }
        if (type == double.class) {
            return n / 1000.0;
        }
        throw new AssertionError("no test value for " + type + " " + name);
    }

    private static Object asType(Object v, Class<?> type) {
        if (type == long.class && v instanceof Number) {
            return ((Number) v).longValue();
        }
        if (type == double.class && v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        return v;
    }
}
