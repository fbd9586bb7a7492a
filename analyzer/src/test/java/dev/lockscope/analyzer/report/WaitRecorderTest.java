package dev.lockscope.analyzer.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.analyzer.PlantedRecordings;
import dev.lockscope.analyzer.aggregate.Aggregator;
import dev.lockscope.analyzer.aggregate.RecordingFacts;
import dev.lockscope.analyzer.read.ChunkLayout;
import dev.lockscope.analyzer.read.RecordingVisitor;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which recorder wrote the waits, from the settings it left: the JDK's, or async-profiler's, whose lock= is a
 * sampling interval from 4.0 on (0: every contended wait) and a threshold before.
 */
class WaitRecorderTest {
    private static final List<String> TYPES = List.of("jdk.JavaMonitorEnter", "jdk.ThreadPark", "jdk.JavaMonitorWait");

    @TempDir
    static Path dir;
    static ChunkLayout layout;

    @BeforeAll
    static void recording() throws Exception {
        layout = ChunkLayout.scan(PlantedRecordings.small(dir.resolve("small.jfr")));
    }

    @Test
    void aJdkRecordingKeepsItsThresholds() {
        RecordingFacts f = facts(new String[][] {{"jdk.JavaMonitorEnter", "threshold", "20 ms"},
            {"jdk.JavaMonitorWait", "enabled", "absent"}});
        WaitRecorder r = WaitRecorder.of(f);
        assertThat(r.name()).isEqualTo(WaitRecorder.JFR_NAME);
        assertThat(r.waitsSource()).as("the JDK's own events: their threshold says what they count").isNull();
        assertThat(r.thresholds(f, TYPES)).containsEntry("jdk.JavaMonitorEnter", "20 ms")
                .containsEntry("jdk.ThreadPark", "unknown").containsEntry("jdk.JavaMonitorWait", "not in this JVM");
    }

    @Test
    void asyncProfilerFourSamplesOneWaitPerInterval() {
        RecordingFacts f = asyncProfiler("4.6", "10000");
        WaitRecorder r = WaitRecorder.of(f);
        assertThat(r.sampled()).isTrue();
        assertThat(r.lockIntervalNanos()).isEqualTo(10_000);
        assertThat(r.waitsSource()).isEqualTo("sampled: async-profiler 4.6 lock=10us, one wait recorded per 10.0 us "
                + "of waiting, all locks together");
        assertThat(r.thresholds(f, TYPES)).containsEntry("jdk.JavaMonitorEnter",
                "sampled: 1 wait per 10.0 us of waiting (async-profiler 4.6 lock=10us)")
                .containsEntry("jdk.JavaMonitorWait", "not recorded by async-profiler");
    }

    @Test
    void asyncProfilerWithLockZeroRecordsEveryWait() {
        WaitRecorder r = WaitRecorder.of(asyncProfiler("4.6", "0"));
        assertThat(r.sampled()).isFalse();
        assertThat(r.waitsSource()).isEqualTo("measured: async-profiler 4.6 lock=0, every contended wait");
    }

    @Test
    void asyncProfilerBeforeFourHadAThreshold() {
        WaitRecorder r = WaitRecorder.of(asyncProfiler("3.0", "1000000"));
        assertThat(r.sampled()).isFalse();
        assertThat(r.waitsSource()).isEqualTo("measured: async-profiler 3.0 wait events of 1.00 ms and longer (lock=1ms)");
    }

    @Test
    void theIntervalIsWrittenAsAsyncProfilersOptionWouldBe() {
        assertThat(List.of(1_500L, 2_000_000_000L, 250_000_000L).stream()
                .map(n -> new WaitRecorder("async-profiler 4.6", WaitRecorder.Mode.SAMPLED, n).lockArgument()))
                .containsExactly("1500ns", "2s", "250ms");
    }

    private static RecordingFacts asyncProfiler(String version, String lock) {
        return facts(new String[][] {{"jdk.ActiveRecording", "version", version},
            {"jdk.ActiveRecording", "engine", "noop"}, {"jdk.JavaMonitorEnter", "enabled", "true"},
            {"jdk.JavaMonitorEnter", "lock", lock}, {"jdk.JavaMonitorWait", "enabled", "absent"}});
    }

    private static RecordingFacts facts(String[][] settings) {
        Aggregator agg = new Aggregator();
        RecordingVisitor v = agg.visitorFor(layout);
        for (String[] s : settings) {
            v.setting(s[0], s[1], s[2]);
        }
        return agg.recordings().get(0);
    }
}
