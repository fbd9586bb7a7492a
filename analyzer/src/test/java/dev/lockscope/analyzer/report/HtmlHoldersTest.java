package dev.lockscope.analyzer.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.analyzer.report.Report.Named;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The HTML card says what a lock's owners did while others waited, in the text report's words, chain included. */
class HtmlHoldersTest {
    static Report.LockRow row(String id, HolderProfile holders) {
        Report.LockRow r = new Report.LockRow(id, "lock", "monitor", "a.b.Journal", "0x1", 1,
                List.of(new Named("a.b.Journal.append:12", 40, 2_000_000_000L)), 40, 2_000_000_000L, 0.3, Double.NaN,
                40_000_000, 60_000_000, 80_000_000, 90_000_000, 4, false, List.of(), List.of(),
                List.of("jdk.JavaMonitorEnter"), List.of("x.jfr"), List.of(), Report.FlameNode.none(), null, null,
                "recorded waits above the JDK threshold of 20 ms", "measured: jdk.JavaMonitorEnter events");
        return r.withAdviceAndHolders(null, holders);
    }

    @Test
    void ownersStatesAndTheChainAreOnTheCard() {
        HolderProfile.State io = new HolderProfile.State("file-io", "in file I/O", 0.62, 1_240_000_000L, "measured",
                "jdk.FileForce overlapping the waits", 25, 0, List.of(new Named("a.b.Journal.flush:50", 25,
                1_240_000_000L)), List.of(new Named("jdk.FileForce", 25, 1_240_000_000L)));
        HolderProfile profile = new HolderProfile(null, "previousOwner", 25, 2_000_000_000L, 0, 0, List.of(io),
                List.of(new HolderProfile.ChainLink("L2", "monitor a.b.Index@0x2", 0.3, 600_000_000L)), List.of(), false);
        Report report = new Report("lockscope test", List.of(), 10_000_000_000L, "sampled: test", 6_000_000_000L,
                "sampled: test", List.of(row("L1", profile), row("L2", HolderProfile.unavailable("no owner recorded", 3))),
                List.of(), List.of(), List.of(), List.of());
        StringWriter w = new StringWriter();
        HtmlRenderer.render(report, new PrintWriter(w, true));
        String html = w.toString();
        assertThat(html).contains("What the owners did while others waited").contains("in file I/O 62.0% (measured: jdk.FileForce, 25 waits) at a.b.Journal.flush:50")
                .contains("its owners waited for L2").contains("Unknown: no owner recorded");
    }
}
