package dev.lockscope.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockscope.analyzer.cli.LockscopeCli;
import dev.lockscope.analyzer.read.FastJfrReader;
import dev.lockscope.analyzer.read.JmcRecordingReader;
import dev.lockscope.analyzer.read.RecordingReader;
import dev.lockscope.analyzer.report.Report;
import dev.lockscope.analyzer.report.Report.LockRow;
import dev.lockscope.analyzer.report.Report.RecordingInfo;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Recordings made by async-profiler's lock mode in child JVMs (JDK 17 here, and JDK 25 where installed). Its
 * {@code lock=} is a sampling interval: one counter adds up all contended waits, and the wait that carries it past
 * another interval is recorded, with its own duration. So a wait at least as long as the interval is always
 * recorded, and waits shorter than it are recorded about once per interval of waiting.
 */
class AsyncProfilerRecordingTest {
    private static final int PLANTED_WAITS = PlantedRecording.ROUNDS * PlantedRecording.WAITERS;
    private static final String MONITOR = PlantedRecording.PlantedMonitor.class.getName();
    private static final Pattern SAMPLED_10US = Pattern.compile("sampled: async-profiler [0-9][^ ]* lock=10us, "
            + "one wait recorded per 10\\.0 us of waiting, all locks together");

    @TempDir
    Path dir;

    /** Skips the test, saying why, where async-profiler's library cannot run. */
    private static void asyncProfilerRunsHere() {
        String why = AsyncProfilerRun.unavailableBecause();
        assumeTrue(why == null, why);
    }

    static Stream<Arguments> jvms() {
        List<Arguments> l = new ArrayList<>();
        l.add(Arguments.of("this JDK (" + Runtime.version().feature() + ")",
                Jdks.current()));
        l.add(Arguments.of("JDK 25", Jdks.find(25)));
        return l.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jvms")
    void plantedLocksAreFoundAndTheirWaitsAreSaidToBeSampled(String label, Path java) throws Exception {
        asyncProfilerRunsHere();
        assumeTrue(java != null, "skipped: no JDK 25 under /usr/lib/jvm on this machine");
        Path jfr = dir.resolve("planted-ap.jfr");
        List<String> printed = AsyncProfilerRun.record(java, dir, jfr, "10us", List.of(), PlantedRecording.class, 120);
        Report report = analyze(jfr, new JmcRecordingReader());

        String rows = rows(report);
        List<LockRow> monitors = report.locks().stream().filter(r -> MONITOR.equals(r.lockClass())).toList();
        assertThat(monitors).as(rows).hasSize(1);
        LockRow monitor = monitors.get(0);
        // Each planted wait (about 40 ms) is longer than the interval, so each one carries the counter past it.
        assertThat(monitor.waitsCount()).as(rows).isEqualTo(PLANTED_WAITS);
        // Its duration is the wait's own: from contended enter to entered, inside what the waiters timed themselves.
        long measured = AsyncProfilerRun.printed(printed, "monitor.wait.nanos");
        assertThat(monitor.totalWaitNanos()).as(rows).isBetween((long) (0.9 * measured), measured);
        assertThat(report.locks()).anyMatch(r -> r.lockClass().equals("java.util.concurrent.locks.ReentrantLock$NonfairSync")
                && r.waitsCount() >= PLANTED_WAITS);

        for (LockRow row : report.locks()) {
            assertThat(row.waitsSource()).as(row.id()).matches(SAMPLED_10US);
            assertThat(row.waitsSamplingIntervalNanos()).as(row.id()).isEqualTo(10_000);
            assertThat(row.advice().evidence().get(0)).as(row.id()).endsWith("(" + row.waitsSource() + ")");
        }
        RecordingInfo info = report.recordings().get(0);
        assertThat(info.recorder()).startsWith("async-profiler ");
        assertThat(info.lockSamplingIntervalNanos()).isEqualTo(10_000);
        assertThat(info.thresholds().get("jdk.JavaMonitorEnter"))
                .isEqualTo("sampled: 1 wait per 10.0 us of waiting (" + info.recorder() + " lock=10us)");
        assertThat(info.thresholds().get("jdk.ThreadPark")).startsWith("sampled: 1 wait per 10.0 us of waiting")
                .endsWith("ReentrantLock, ReentrantReadWriteLock and Semaphore only)");
        assertThat(info.thresholds().get("jdk.JavaMonitorWait")).isEqualTo("not recorded by async-profiler");
        assertThat(info.thresholds().values()).noneMatch(t -> t.contains("unknown"));

        // analyze --only monitors reads the same file and finds the same monitor rows, also said to be sampled.
        Report fast = analyze(jfr, new FastJfrReader());
        List<LockRow> jmcMonitors = report.locks().stream().filter(r -> r.family().equals("monitor")).toList();
        assertThat(fast.locks()).hasSameSizeAs(jmcMonitors);
        for (int i = 0; i < jmcMonitors.size(); i++) {
            LockRow e = jmcMonitors.get(i);
            LockRow a = fast.locks().get(i);
            assertThat(List.of(a.identity(), a.waitsCount(), a.totalWaitNanos(), a.waitsSource(), a.p50Nanos()))
                    .isEqualTo(List.of(e.identity(), e.waitsCount(), e.totalWaitNanos(), e.waitsSource(), e.p50Nanos()));
        }
    }

    @Test
    void everyFormatSaysTheWaitsAreSampledAndByWhichInterval() throws Exception {
        asyncProfilerRunsHere();
        Path jfr = dir.resolve("planted-ap.jfr");
        AsyncProfilerRun.record(javaHere(), dir, jfr, "10us", List.of(), PlantedRecording.class, 120);

        String text = cli("analyze", jfr.toString());
        assertThat(text).contains("recorded waits from: JavaMonitorEnter sampled: 1 wait per 10.0 us of waiting")
                .contains("JavaMonitorWait not recorded by async-profiler");
        String recordedFrom = text.substring(text.indexOf("recorded waits from:"), text.indexOf("\nLOCKS"));
        assertThat(recordedFrom).as("no event type's threshold is unknown").doesNotContain("unknown");
        String monitorRow = text.lines().filter(l -> l.matches("L[0-9] .*PlantedMonitor.*")).findFirst().orElseThrow();
        // The row's own lines follow it, before the next row or section: one of them names the sampling.
        String after = text.substring(text.indexOf(monitorRow) + monitorRow.length());
        String rowLines = after.split("\n(L[0-9]|[A-Z]{4})")[0];
        assertThat(rowLines.replaceAll("\\s+", " ")).containsPattern("waits " + SAMPLED_10US.pattern());
        assertThat(text.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100));

        String json = cli("analyze", "--format", "json", jfr.toString());
        assertThat(json).contains("\"waitsSamplingIntervalNanos\" : 10000").contains("\"lockSamplingIntervalNanos\" : 10000")
                .containsPattern("\"waitsSource\" : \"" + SAMPLED_10US.pattern() + "\"")
                .containsPattern("\\(" + SAMPLED_10US.pattern() + "\\)\",") // the advice's first evidence line
                .containsPattern("\"recorder\" : \"async-profiler [0-9]");

        Path html = dir.resolve("r.html");
        cli("analyze", "--format", "html", "-o", html.toString(), jfr.toString());
        String page = Files.readString(html);
        assertThat(page).containsPattern("waits " + SAMPLED_10US.pattern()).contains("<span class=\"small\">sampled</span>")
                .contains("sampled: 1 wait per 10.0 us of waiting");

        String diff = cli("diff", jfr.toString(), jfr.toString());
        assertThat(diff).containsPattern("before: waits " + SAMPLED_10US.pattern() + "; their counts and totals are of "
                + "the recorded waits").containsPattern("after: waits " + SAMPLED_10US.pattern());
    }

    @Test
    void waitsShorterThanTheIntervalAreRecordedOncePerIntervalOfWaiting() throws Exception {
        asyncProfilerRunsHere();
        long interval = 100_000_000;
        Path jfr = dir.resolve("planted-ap-100ms.jfr");
        List<String> printed = AsyncProfilerRun.record(javaHere(), dir, jfr, "100ms", List.of(), PlantedRecording.class,
                120);
        Report report = analyze(jfr, new JmcRecordingReader());
        // One counter adds up all contended waits (monitor and lock); the wait that carries it past a multiple of the
        // interval is recorded, once, however many multiples it crossed. So the multiples all waits together filled
        // lie between what the recorded waits account for at least (their whole intervals, at least one each) and at
        // most (one more each). The planted waits (30-40 ms, longer on a busy machine) are the waits of the run.
        long waited = AsyncProfilerRun.printed(printed, "monitor.wait.nanos")
                + AsyncProfilerRun.printed(printed, "lock.wait.nanos");
        long least = 0;
        long most = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            String type = e.getEventType().getName();
            if (type.equals("jdk.JavaMonitorEnter") || type.equals("jdk.ThreadPark")) {
                long whole = e.getDuration().toNanos() / interval;
                least += Math.max(1, whole);
                most += whole + 1;
            }
        }
        assertThat(report.locks().stream().mapToLong(LockRow::waitsCount).sum()).as(rows(report))
                .isEqualTo(report.recordings().get(0).waitEvents().values().stream().mapToLong(Long::longValue).sum());
        // Tolerance: one interval, for the JVM's own short waits (thread exits) that also add to the counter and for
        // the waiters' clocks running a little longer than the profiler's around each wait.
        assertThat(waited / interval).as("intervals filled by %d ms of waiting, recorded waits accounting for %d..%d",
                waited / 1_000_000, least, most).isBetween(least - 1, most + 1);
        LockRow monitor = report.locks().stream().filter(r -> MONITOR.equals(r.lockClass())).findFirst().orElseThrow();
        assertThat(monitor.waitsCount()).isLessThan(PLANTED_WAITS);
        assertThat(monitor.waitsSamplingIntervalNanos()).isEqualTo(interval);
        assertThat(monitor.waitsSource()).contains("lock=100ms, one wait recorded per 100 ms of waiting");
    }

    @Test
    void withoutGcEventsALockTheGcMovedIsStillOneRowAndTheNoteSaysWhy() throws Exception {
        asyncProfilerRunsHere();
        Path jfr = dir.resolve("moving-ap.jfr");
        AsyncProfilerRun.record(javaHere(), dir, jfr, "0", List.of("-XX:+UseSerialGC", "-Xmx64m", "-Xmn4m"),
                MovingLocks.class, 120);
        Set<Long> addresses = new HashSet<>();
        long events = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            RecordedClass c = e.getEventType().getName().equals("jdk.JavaMonitorEnter") ? e.getClass("monitorClass") : null;
            if (c != null && c.getName().equals(MovingLocks.MovingMonitor.class.getName())) {
                addresses.add(e.getLong("address"));
                events++;
            }
        }
        assertThat(addresses).as("the young GC moved the monitor while it was contended").hasSizeGreaterThan(1);

        for (RecordingReader reader : List.of(new JmcRecordingReader(), new FastJfrReader())) {
            Report report = analyze(jfr, reader);
            List<LockRow> monitorRows = report.locks().stream()
                    .filter(r -> MovingLocks.MovingMonitor.class.getName().equals(r.lockClass())).toList();
            assertThat(monitorRows).as(reader.getClass().getSimpleName()).hasSize(1);
            LockRow row = monitorRows.get(0);
            assertThat(row.addressesSeen()).isEqualTo(addresses.size());
            assertThat(row.addressesMergedBy()).isEqualTo("succession");
            assertThat(row.waitsCount()).isEqualTo(events);
            // lock=0: every contended wait was recorded, so the figures are measured, not sampled.
            assertThat(row.waitsSamplingIntervalNanos()).isEqualTo(-1);
            assertThat(row.waitsSource()).matches("measured: async-profiler [0-9][^ ]* lock=0, every contended wait");
            assertThat(report.recordings().get(0).thresholds().get("jdk.JavaMonitorEnter"))
                    .startsWith("every contended wait (async-profiler ");
            assertThat(report.notes()).anyMatch(n -> n.startsWith("moving-ap.jfr: ")
                    && n.contains(" lock rows were merged into ") && n.contains("jdk.GarbageCollection"));
        }
        Report report = analyze(jfr, new JmcRecordingReader());
        assertThat(report.locks().stream().filter(r -> "java.util.concurrent.locks.ReentrantLock$NonfairSync"
                .equals(r.lockClass()))).hasSize(1);
    }

    @Test
    void withGcEventsTheRecordedCollectionsStillDecide() throws Exception {
        Path jfc = dir.resolve("lockscope.jfc");
        try (InputStream in = getClass().getResourceAsStream("/dev/lockscope/events/lockscope.jfc")) {
            Files.copy(in, jfc);
        }
        Path jfr = dir.resolve("moving-jdk.jfr");
        ChildRecording.run(javaHere(), "-XX:StartFlightRecording:settings=" + jfc + ",filename=" + jfr,
                MovingLocks.class, dir, 120, "-XX:+UseSerialGC", "-Xmx64m", "-Xmn4m");
        Report report = analyze(jfr, new JmcRecordingReader());
        // The JDK names a monitor by its ObjectMonitor, which stays put; a park names its blocker object, which moves.
        List<LockRow> lockRows = report.locks().stream()
                .filter(r -> "java.util.concurrent.locks.ReentrantLock$NonfairSync".equals(r.lockClass())
                        && r.topSite().startsWith(MovingLocks.class.getName() + ".lambda$main$")).toList();
        assertThat(lockRows).hasSize(1);
        assertThat(lockRows.get(0).addressesSeen()).as("the young GC moved the lock while it was contended")
                .isGreaterThan(1);
        assertThat(lockRows.get(0).addressesMergedBy()).isEqualTo("gc");
        assertThat(lockRows.get(0).waitsSource()).isEqualTo("measured: jdk.ThreadPark events");
        assertThat(report.notes()).noneMatch(n -> n.contains("were merged into"));
        assertThat(report.recordings().get(0).recorder()).isEqualTo("JDK Flight Recorder");
        assertThat(report.recordings().get(0).lockSamplingIntervalNanos()).isEqualTo(-1);
    }

    /** The report's lock rows, one a line, for a failure's message. */
    private static String rows(Report r) {
        StringBuilder b = new StringBuilder("lock rows:");
        for (LockRow row : r.locks()) {
            b.append("\n  ").append(row.id()).append(' ').append(row.identity()).append(' ').append(row.waitsCount())
                    .append(" waits ").append(row.totalWaitNanos()).append(" ns at ").append(row.topSite())
                    .append(", addresses ").append(row.addressesSeen());
        }
        return b.append("\nnotes: ").append(r.notes()).toString();
    }

    private static Path javaHere() {
        return Jdks.current();
    }

    private static Report analyze(Path jfr, RecordingReader reader) throws Exception {
        return Analysis.analyze(List.of(jfr), reader, Analysis.ProgressListener.NONE);
    }

    private static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LockscopeCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }
}
