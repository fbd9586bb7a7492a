package dev.lockscope.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockscope.analyzer.read.JmcRecordingReader;
import dev.lockscope.analyzer.report.Report;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A virtual thread pinned in a JDK 25 recording lands in the pinning section, with its site and reason. */
class VirtualThreadPinningTest {
    @TempDir
    Path dir;

    @Test
    void pinnedVirtualThreadIsReportedApart() throws Exception {
        Path java = Jdks.find(25);
        assumeTrue(java != null, "skipped: no JDK 25 under /usr/lib/jvm on this machine");
        Path jfr = dir.resolve("pinned.jfr");
        ChildRecording.run(java, "-XX:StartFlightRecording:filename=" + jfr, PinningProgram.class, dir, 60);

        Report r = Analysis.analyze(List.of(jfr), new JmcRecordingReader(), Analysis.ProgressListener.NONE);
        Report.LockRow pinned = r.pinned().stream()
                .filter(x -> x.topSite().startsWith(PinningProgram.SlowInit.class.getName() + ".<clinit>"))
                .findFirst().orElseThrow(() -> new AssertionError("no pinning row in " + r.pinned()));
        assertThat(pinned.waitsCount()).isEqualTo(1);
        assertThat(pinned.totalWaitNanos()).isGreaterThanOrEqualTo(PinningProgram.PARK_NANOS * 9 / 10);
        assertThat(pinned.lockClass()).contains("<clinit>");
        assertThat(r.locks()).noneMatch(x -> x.topSite().contains("SlowInit"));
    }
}
