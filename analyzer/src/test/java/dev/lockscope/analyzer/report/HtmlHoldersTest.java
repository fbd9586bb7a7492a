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
        return Report.LockRow.builder().id(id).kind("lock").family("monitor").lockClass("a.b.Journal").address("0x1")
                .sites(List.of(new Named("a.b.Journal.append:12", 40, 2_000_000_000L))).waitsCount(40)
                .totalWaitNanos(2_000_000_000L).shareOfActiveTime(0.3)
                .percentiles(40_000_000, 60_000_000, 80_000_000, 90_000_000).waitingThreads(4, false)
                .sourceEvents(List.of("jdk.JavaMonitorEnter")).recordings(List.of("x.jfr"))
                .waits("recorded waits above the JDK threshold of 20 ms", "measured: jdk.JavaMonitorEnter events")
                .holders(holders).build();
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
        assertThat(html).as("no stacks, no holder flame graph").doesNotContain("flame-holders");
    }

    @Test
    void theOwnersStacksGetAFlameGraphBesideTheWaitersAndTheAcquireSitesAreListed() {
        Report.FlameNode force = new Report.FlameNode("sun.nio.ch.FileChannelImpl.force:400", 1_240_000_000L,
                List.of(new Report.FlameNode("[in file I/O: jdk.FileForce]", 1_240_000_000L, List.of())));
        Report.FlameNode flush = new Report.FlameNode("a.b.Journal.flush:50", 1_240_000_000L, List.of(force));
        Report.FlameNode unknown = new Report.FlameNode("[unknown: no event or sample of the owner]", 760_000_000L,
                List.of());
        Report.FlameNode root = new Report.FlameNode("all", 2_000_000_000L, List.of(flush, unknown));
        HolderProfile.State io = new HolderProfile.State("file-io", "in file I/O", 0.62, 1_240_000_000L, "measured",
                "jdk.FileForce overlapping the waits", 25, 0, List.of(new Named("a.b.Journal.flush:50", 25,
                1_240_000_000L)), List.of(new Named("jdk.FileForce", 25, 1_240_000_000L)));
        HolderProfile profile = new HolderProfile(null, "jdk.JavaMonitorEnter previousOwner: ...", 25, 2_000_000_000L,
                0, 0, List.of(io), List.of(), List.of(), false,
                List.of(new HolderProfile.Acquired("a.b.Journal.append:12", 0.8, 1_600_000_000L, 20, 15, 5,
                        "estimated", "..."), new HolderProfile.Acquired("unknown", 0.2, 400_000_000L, 5, 0, 0,
                        "missing", HolderProfiles.unknownAcquireReason(
                        dev.lockscope.analyzer.holders.AcquireSite.Unknown.NOTHING_RECORDED))),
                List.of(new Named("a.b.Journal.flush:50", 25, 1_240_000_000L)), root,
                new HolderProfile.OwnerCpu(null, 20, 2_000_000_000L, List.of(
                        new HolderProfile.CpuShare("on-cpu", "on a CPU", 0.3, 600_000_000L),
                        new HolderProfile.CpuShare("preempted", "runnable but preempted", 0.6, 1_200_000_000L),
                        new HolderProfile.CpuShare("off-cpu-voluntary", "off a CPU by their own doing", 0.1,
                                200_000_000L)), "measured", "measured: eBPF sched_switch map", 0));
        Report report = new Report("lockscope test", List.of(), 10_000_000_000L, "sampled: test", 6_000_000_000L,
                "sampled: test", List.of(row("L1", profile)), List.of(), List.of(), List.of(), List.of());
        StringWriter w = new StringWriter();
        HtmlRenderer.render(report, new PrintWriter(w, true));
        String html = w.toString();
        assertThat(html).contains("<h4>Flame graph of the owners' stacks while others waited</h4>")
                .contains("<div class=\"flame flame-holders\" id=\"flame-L1-holders\" data-row=\"L1\" "
                        + "data-measure=\"holders\">")
                .contains("took the lock at: a.b.Journal.append:12 80.0% (estimated: 15 by their acquisition, 5 by "
                        + "their stacks); unknown 20.0% (no owner sample, event or acquisition recorded)")
                .contains("top frames: a.b.Journal.flush:50 62.0%")
                .contains("their CPU, as the agent measured: on a CPU 30.0%, runnable but preempted 60.0%, off a CPU "
                        + "by their own doing 10.0% (measured: eBPF, over 20 waits, 2.00 s)");
        // The holder graph's names are in the page's one table.
        assertThat(html).contains("\"[in file I/O: jdk.FileForce]\"").contains("\"sun.nio.ch.FileChannelImpl.force:400\"");
    }
}
