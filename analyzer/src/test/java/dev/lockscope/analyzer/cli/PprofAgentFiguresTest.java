package dev.lockscope.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.analyzer.AgentSummaries;
import dev.lockscope.events.LockSummary;
import java.nio.file.Path;
import jdk.jfr.Recording;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lockscope agent's per-lock figures in the pprof profile, from a recording of its summaries alone: hold spans
 * and owner off-CPU time become sample types of their own, at the lock's construction site, with the lock's labels.
 */
class PprofAgentFiguresTest {
    static final String LEDGER = "com.example.Ledger.<init>:7";
    static final String QUIET = "com.example.Quiet.<init>:3";
    static final long HOLDS = 400;
    static final long HOLD_SPAN_TOTAL = HOLDS * 79_400L;
    static final long WAIT = 2_000_000_000L;
    static final long MEASURED_WAIT = 1_000_000_000L;
    static final double OWNER_ON_CPU = 0.25;

    @TempDir
    static Path dir;
    static Path profile;

    @BeforeAll
    static void record() throws Exception {
        Path file = dir.resolve("agent.jfr");
        try (Recording r = new Recording()) {
            r.enable(LockSummary.class);
            r.enable("jdk.JVMInformation");
            r.start();
            summary(LEDGER, 5000, WAIT, HOLDS, OWNER_ON_CPU, MEASURED_WAIT);
            summary(QUIET, 10, 1_000_000L, 0, -1, -1);
            r.stop();
            r.dump(file);
        }
        profile = dir.resolve("agent.pb.gz");
        CliRun run = CliRun.of("analyze", "--format", "pprof", "-o", profile.toString(), file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    private static void summary(String site, long waits, long waitTime, long holds, double onCpu, long measured) {
        LockSummary e = AgentSummaries.constructed("java.util.concurrent.locks.ReentrantLock", site, waits, waitTime);
        e.maxWait = waitTime / waits * 4;
        e.waitHistogram = "0,0,0,0,0,0,0,0,0,0," + waits;
        e.holds = holds;
        e.holdTime = holds * 79_400L;
        e.maxHold = holds > 0 ? 1_200_000 : 0;
        e.topOwner = "ledger-owner";
        e.topOwnerShare = 0.8;
        e.ownerOnCpuShare = onCpu;
        e.ownerMeasuredWaitTime = measured;
        e.ownerOnCpuSource = onCpu >= 0 ? "measured: eBPF sched_switch" : "no native probe";
        e.commit();
    }

    @Test
    void holdSpansAndOwnerOffCpuTimeAreSampleTypesAtTheLocksSite() throws Exception {
        PprofRaw raw = PprofRaw.parse(GoPprof.run(profile, "-raw"));
        assertThat(raw.types()).containsExactly("contentions", "delay", "other_waits", "other_wait", "hold_spans",
                "hold_span", "owner_off_cpu");
        assertThat(raw.total("hold_spans", "construction_site", LEDGER)).isEqualTo(HOLDS);
        assertThat(raw.total("hold_span", "construction_site", LEDGER)).isEqualTo(HOLD_SPAN_TOTAL);
        // Off a CPU for 75% of the 1 s of waits whose owner was measured (not of all 2 s of waits).
        assertThat(raw.total("owner_off_cpu", "construction_site", LEDGER))
                .isEqualTo(Math.round((1 - OWNER_ON_CPU) * MEASURED_WAIT));
        // The agent's waits (no JDK event, so no waiting stack) stand at the lock, with what they count.
        assertThat(raw.total("contentions", "construction_site", LEDGER)).isEqualTo(5000);
        assertThat(raw.total("delay", "construction_site", LEDGER)).isEqualTo(WAIT);
        PprofRaw.Sample ledger = raw.samples().stream().filter(s -> LEDGER.equals(s.label("construction_site")))
                .findFirst().orElseThrow();
        assertThat(raw.frames(ledger)).singleElement().asString().startsWith("[lock ").endsWith(" at " + LEDGER + "]");
        assertThat(ledger.label("construction_site_kind")).isEqualTo("constructed");
        assertThat(ledger.label("top_owner")).isEqualTo("ledger-owner");
        assertThat(ledger.label("owner_on_cpu_source")).isEqualTo("measured: eBPF sched_switch");
        assertThat(ledger.label("waits_counted")).contains("contended acquisitions the agent saw");
        assertThat(ledger.labels().get("pid")).containsExactly(Long.toString(ProcessHandle.current().pid()));
        // Unmeasured figures stay unmeasured: no owner source and no off-CPU time for the lock without the probe.
        PprofRaw.Sample quiet = raw.samples().stream().filter(s -> QUIET.equals(s.label("construction_site")))
                .findFirst().orElseThrow();
        assertThat(quiet.label("owner_on_cpu_source")).isNull();
        assertThat(raw.total("owner_off_cpu", "construction_site", QUIET)).isZero();
        assertThat(raw.comments()).anyMatch(c -> c.startsWith("hold_spans/count, hold_span/nanoseconds"))
                .anyMatch(c -> c.startsWith("owner_off_cpu/nanoseconds"));

        String top = GoPprof.run(profile, "-top", "-sample_index=hold_span");
        assertThat(top).containsPattern("31\\.76ms\\s+100%\\s+100%\\s+31\\.76ms\\s+100%\\s+\\[lock .* at "
                + java.util.regex.Pattern.quote(LEDGER) + "\\]");
    }
}
