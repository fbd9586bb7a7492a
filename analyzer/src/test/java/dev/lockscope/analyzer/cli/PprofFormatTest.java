package dev.lockscope.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.perftools.profiles.ProfileProto.Profile;
import dev.lockscope.analyzer.Analysis;
import dev.lockscope.analyzer.PlantedRecording;
import dev.lockscope.analyzer.PlantedRecordings;
import dev.lockscope.analyzer.read.JmcRecordingReader;
import dev.lockscope.analyzer.report.Report;
import dev.lockscope.analyzer.report.Report.LockRow;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyze --format pprof} on a planted recording, read back by the real {@code go tool pprof}: the planted
 * monitor's share of delay, its waits, its labels, and the waits kept apart from delay.
 */
class PprofFormatTest {
    @TempDir
    static Path dir;
    static Path recording;
    static Report report;
    static LockRow monitor;
    static Path profile;

    @BeforeAll
    static void analyze() throws Exception {
        recording = PlantedRecordings.planted(dir);
        report = Analysis.analyze(List.of(recording), new JmcRecordingReader(), Analysis.ProgressListener.NONE);
        monitor = report.locks().stream()
                .filter(r -> PlantedRecording.PlantedMonitor.class.getName().equals(r.lockClass())).findFirst()
                .orElseThrow(() -> new AssertionError("the report did not find the planted monitor"));
        profile = dir.resolve("locks.pb.gz");
        CliRun run = CliRun.of("analyze", "--format", "pprof", "-o", profile.toString(), recording.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("wrote " + profile);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void goToolPprofGivesThePlantedMonitorItsShareOfDelay() throws Exception {
        long lockWait = report.locks().stream().mapToLong(LockRow::totalWaitNanos).sum();
        double share = 100.0 * monitor.totalWaitNanos() / lockWait;
        assertThat(share).as("the planted monitor is a real part of the lock waits").isBetween(20.0, 80.0);

        // -tags prints each lock label's share of the chosen sample type, to two decimals.
        String tags = GoPprof.run(profile, "-tags", "-sample_index=delay");
        Matcher m = Pattern.compile("\\(\\s*([\\d.]+)%\\): " + Pattern.quote(monitor.identity()) + "\\s*$",
                Pattern.MULTILINE).matcher(tags);
        assertThat(m.find()).as(tags).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isCloseTo(share, within(0.006));

        // -top: the monitor's waiting frame holds its share of all delay, and the total is the lock waits'.
        String top = GoPprof.run(profile, "-top", "-sample_index=delay", "-nodecount=3");
        assertThat(top).contains("Type: delay");
        String line = top.lines().filter(l -> l.contains("lambda$contendOnMonitor$")).findFirst()
                .orElseThrow(() -> new AssertionError(top));
        Matcher flat = Pattern.compile("^\\s*\\S+\\s+([\\d.]+)%").matcher(line);
        assertThat(flat.find()).as(line).isTrue();
        assertThat(Double.parseDouble(flat.group(1))).as(line).isCloseTo(share, within(0.006));

        // -raw, exactly: the monitor's samples add up to its report row, all samples to the lock table.
        PprofRaw raw = PprofRaw.parse(GoPprof.run(profile, "-raw"));
        assertThat(raw.types()).startsWith("contentions", "delay", "other_waits", "other_wait");
        assertThat(raw.total("delay", "lock", monitor.identity())).isEqualTo(monitor.totalWaitNanos());
        assertThat(raw.total("contentions", "lock", monitor.identity()))
                .isEqualTo(monitor.waitsCount()).isEqualTo(PlantedRecording.ROUNDS * PlantedRecording.WAITERS);
        assertThat(raw.total("delay", null, null)).isEqualTo(lockWait);
    }

    @Test
    void eachSampleCarriesItsLocksLabels() throws Exception {
        PprofRaw raw = PprofRaw.parse(GoPprof.run(profile, "-raw"));
        List<PprofRaw.Sample> samples = raw.samples().stream()
                .filter(s -> monitor.identity().equals(s.label("lock"))).toList();
        assertThat(samples).isNotEmpty().allSatisfy(s -> {
            assertThat(s.label("wait_kind")).isEqualTo("lock");
            assertThat(s.label("lock_class")).isEqualTo(PlantedRecording.PlantedMonitor.class.getName());
            assertThat(s.label("family")).isEqualTo("monitor");
            assertThat(s.label("report_row")).isEqualTo(monitor.id());
            // The monitor's waiters queued behind the holder and then behind each other.
            assertThat(s.label("top_previous_owner")).startsWith("monitor-waiter-");
            // Recorded in this JVM.
            assertThat(s.labels().get("pid")).containsExactly(Long.toString(ProcessHandle.current().pid()));
            assertThat(s.label("waits_counted")).isEqualTo(monitor.waitsCounted())
                    .isEqualTo("recorded waits above the JDK threshold of 0 ns");
            assertThat(s.label("waits_source")).isEqualTo("measured: jdk.JavaMonitorEnter events");
            List<String> frames = raw.frames(s);
            assertThat(frames.get(0)).as("leaf").contains("lambda$contendOnMonitor$");
            assertThat(frames.get(frames.size() - 1)).as("root").isEqualTo("java.lang.Thread.run");
        });
        LockRow lock = report.locks().stream().filter(r -> r.lockClass().startsWith("java.util.concurrent.locks."
                + "ReentrantLock")).findFirst().orElseThrow();
        assertThat(raw.samples()).filteredOn(s -> lock.identity().equals(s.label("lock")))
                .isNotEmpty().allSatisfy(s -> assertThat(s.label("family")).isEqualTo("j.u.c."));
        assertThat(raw.comments()).anyMatch(c -> c.startsWith("contentions/count, delay/nanoseconds: lock "
                + "acquisition waits") && c.contains("waits_counted"))
                .anyMatch(c -> c.startsWith("recording ") && c.contains("pid " + ProcessHandle.current().pid()));
    }

    @Test
    void conditionWaitsAreKeptApartFromDelay() throws Exception {
        PprofRaw raw = PprofRaw.parse(GoPprof.run(profile, "-raw"));
        long conditionWait = report.conditions().stream().mapToLong(LockRow::totalWaitNanos).sum();
        assertThat(conditionWait).as("the planted condition waits").isPositive();
        assertThat(raw.samples()).filteredOn(s -> "condition".equals(s.label("wait_kind"))).isNotEmpty()
                .allSatisfy(s -> assertThat(s.values().subList(0, 2)).containsExactly(0L, 0L));
        assertThat(raw.total("other_wait", "wait_kind", "condition")).isEqualTo(conditionWait);
        assertThat(raw.types()).as("no agent events: none of the agent's figures")
                .doesNotContain("hold_spans", "hold_span", "owner_off_cpu");
        assertThat(raw.comments()).anyMatch(c -> c.startsWith("no hold_spans/hold_span"));
    }

    @Test
    void dashOutputWritesTheGzippedBytesToStandardOutput() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LockscopeCli.execute(new String[] {"analyze", "--format", "pprof", "-o", "-",
            recording.toString()}, new PrintWriter(out, true), new PrintWriter(err, true), bytes);
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).doesNotContain("wrote");
        byte[] b = bytes.toByteArray();
        assertThat(b).hasSizeGreaterThan(2);
        assertThat(new byte[] {b[0], b[1]}).as("gzip magic").containsExactly(0x1f, 0x8b);
        Profile fromStdout = Profile.parseFrom(new GZIPInputStream(new ByteArrayInputStream(b)));
        Profile fromFile = Profile.parseFrom(new GZIPInputStream(Files.newInputStream(profile)));
        assertThat(fromStdout.getSampleList()).isEqualTo(fromFile.getSampleList());
        Path copy = Files.write(dir.resolve("stdout.pb.gz"), b);
        assertThat(PprofRaw.parse(GoPprof.run(copy, "-raw")).total("delay", "lock", monitor.identity()))
                .isEqualTo(monitor.totalWaitNanos());
    }

    @Test
    void withoutOutputTheProfileGoesToItsDefaultFileNotTheTerminal() throws Exception {
        Path cwdFile = Path.of("lockscope-locks.pb.gz");
        Files.deleteIfExists(cwdFile);
        try {
            CliRun run = CliRun.of("analyze", "--format", "pprof", recording.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).contains("wrote lockscope-locks.pb.gz");
            assertThat(cwdFile).isNotEmptyFile();
        } finally {
            Files.deleteIfExists(cwdFile);
        }
    }

    @Test
    void diffRefusesProfileFormatsWithAUsageError() {
        for (String format : List.of("pprof", "collapsed")) {
            BadInputTest.assertOneLineFailure(CliRun.of("diff", "--format", format, recording.toString(),
                    recording.toString()), 2, "diff reports in text, json or html, not " + format);
        }
    }
}
