package dev.lockscope.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockscope.analyzer.read.JmcRecordingReader;
import dev.lockscope.analyzer.report.Report;
import dev.lockscope.analyzer.report.Report.LockRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recordings made the way users make them, with nothing of ours: {@code -XX:StartFlightRecording} with the JDK's
 * default and profile settings, by JDK 17 and by JDK 25 (found at run time; skipped with a message if absent).
 * The planted waits (30-40 ms) are above both settings' thresholds (20 ms, 10 ms), so every one is recorded.
 */
class PlainJdkRecordingTest {
    @TempDir
    Path dir;

    static Stream<Arguments> jvmsAndSettings() {
        List<Arguments> l = new ArrayList<>();
        Path jdk17 = Jdks.current();
        Path jdk25 = Jdks.find(25);
        for (String settings : List.of("default", "profile")) {
            l.add(Arguments.of("this JDK (" + Runtime.version().feature() + ")", jdk17, settings));
            l.add(Arguments.of("JDK 25", jdk25, settings));
        }
        return l.stream();
    }

    @ParameterizedTest(name = "{0}, settings={2}")
    @MethodSource("jvmsAndSettings")
    void plainRecordingRanksThePlantedLocksFirst(String label, Path java, String settings) throws Exception {
        assumeTrue(java != null, "skipped: no JDK 25 under /usr/lib/jvm on this machine");
        Path jfr = dir.resolve("plain-" + settings + ".jfr");
        ChildRecording.run(java, "-XX:StartFlightRecording:settings=" + settings + ",filename=" + jfr,
                PlantedRecording.class, dir, 120);
        Report report = Analysis.analyze(List.of(jfr), new JmcRecordingReader(), Analysis.ProgressListener.NONE);

        LockRow first = report.locks().get(0);
        LockRow second = report.locks().get(1);
        assertThat(first.lockClass()).isEqualTo(PlantedRecording.PlantedMonitor.class.getName());
        assertThat(first.waitsCount()).isEqualTo(PlantedRecording.ROUNDS * PlantedRecording.WAITERS);
        assertThat(second.lockClass()).isEqualTo("java.util.concurrent.locks.ReentrantLock$NonfairSync");
        assertThat(second.waitsCount()).isGreaterThanOrEqualTo(PlantedRecording.ROUNDS * PlantedRecording.WAITERS);
        assertThat(report.conditions()).anyMatch(r -> r.topSite().contains("lambda$waitOnCondition$"));
        assertThat(report.recordings().get(0).thresholds().get("jdk.ThreadPark"))
                .isEqualTo(settings.equals("default") ? "20 ms" : "10 ms");
    }
}
