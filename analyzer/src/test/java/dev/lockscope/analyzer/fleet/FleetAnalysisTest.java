package dev.lockscope.analyzer.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.analyzer.Analysis;
import dev.lockscope.analyzer.cli.LockscopeCli;
import dev.lockscope.analyzer.read.JmcRecordingReader;
import dev.lockscope.analyzer.report.JsonRenderer;
import dev.lockscope.analyzer.report.Report;
import dev.lockscope.analyzer.report.Report.LockRow;
import dev.lockscope.analyzer.report.TextRenderer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small fleet: two child JVMs, each writing {@link #PER_JVM} recordings of a planted monitor one after another,
 * analyzed together. The merge must not depend on how many recordings are read at once, must add up to what each
 * recording says alone, must list each JVM, and must go on past a file it cannot read.
 */
class FleetAnalysisTest {
    static final int PER_JVM = 25;
    static final String MONITOR = FleetChild.FleetMonitor.class.getName();

    @TempDir
    static Path dir;
    static List<Path> files;
    static List<Long> pids;

    @BeforeAll
    static void fleet() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<Process> children = new ArrayList<>();
        for (String name : List.of("jvm-a", "jvm-b")) {
            children.add(new ProcessBuilder(java.toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                    FleetChild.class.getName(), dir.toString(), name, Integer.toString(PER_JVM))
                    .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start());
        }
        pids = new ArrayList<>();
        for (Process p : children) {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("child finished").isTrue();
            assertThat(p.exitValue()).as("child exit code").isZero();
            pids.add(p.pid());
        }
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(f -> f.toString().endsWith(".jfr")).sorted().toList();
        }
        assertThat(files).hasSize(2 * PER_JVM);
    }

    static Report analyze(List<Path> which, int jobs) throws Exception {
        return Analysis.analyze(which, new JmcRecordingReader(), Analysis.ProgressListener.NONE,
                new Analysis.Options(jobs, which.size() > 1));
    }

    static String json(Report r) throws Exception {
        StringWriter w = new StringWriter();
        JsonRenderer.render(r, w, true);
        return w.toString();
    }

    @Test
    void theReportIsTheSameWhateverTheNumberOfJobs() throws Exception {
        String one = json(analyze(files, 1));
        String four = json(analyze(files, 4));
        assertThat(four).isEqualTo(one);
        assertThat(one).contains(MONITOR);
    }

    @Test
    void mergedCountsAreTheSumOfEachRecordingsCounts() throws Exception {
        Report merged = analyze(files, 2);
        assertThat(merged.recordings()).hasSize(files.size());
        assertThat(merged.locks()).hasSizeLessThan(50); // every lock row shown, none summed in a note
        long[] alone = new long[9];
        Map<String, Long> eventsAlone = new TreeMap<>();
        for (Path f : files) {
            Report r = analyze(List.of(f), 1);
            add(alone, r.locks());
            r.recordings().forEach(i -> i.waitEvents().forEach((k, v) -> eventsAlone.merge(k, v, Long::sum)));
        }
        long[] together = new long[9];
        add(together, merged.locks());
        // Read alone, a wait begun before its recording counts from the recording's start; merged, a JVM's recordings
        // follow one another, so it counts from the start of the first: the merge has more wait time by at most what
        // its later recordings, read alone, left out.
        long leftOutAlone = 0;
        for (int jvm = 0; jvm < 2; jvm++) {
            for (Path f : files.subList(jvm * PER_JVM + 1, (jvm + 1) * PER_JVM)) {
                leftOutAlone += readAlone(f).recordings().get(0).clippedNanos();
            }
        }
        assertThat(together[3]).as("all lock waits' time, merged").isBetween(alone[3], alone[3] + leftOutAlone);
        alone[3] = together[3];
        Map<String, Long> eventsTogether = new TreeMap<>();
        merged.recordings().forEach(i -> i.waitEvents().forEach((k, v) -> eventsTogether.merge(k, v, Long::sum)));
        assertThat(together).as("planted waits, wait time; all lock waits, wait time; the planted monitor's owners: "
                + "waits profiled, time held, time asleep; the owners' flame graph's time, the time placed at an "
                + "acquire site").containsExactly(alone);
        assertThat(together[7]).as("the owners' flame graph adds up to the time held").isEqualTo(together[5]);
        // The holder sleeps in the monitor: its waits have an owner (previousOwner) whose sleeps were measured.
        assertThat(together[4]).isGreaterThanOrEqualTo(together[0] / 2);
        assertThat(together[6]).isPositive();
        assertThat(eventsTogether).isEqualTo(eventsAlone);
        // Each recording planted ROUNDS x WAITERS waits of at least HOLD_MS (less the start-up of each waiter).
        assertThat(together[0]).isGreaterThanOrEqualTo(2L * PER_JVM * FleetChild.ROUNDS * FleetChild.WAITERS);
    }

    private static dev.lockscope.analyzer.aggregate.Aggregator readAlone(Path f) throws Exception {
        dev.lockscope.analyzer.aggregate.Aggregator a = new dev.lockscope.analyzer.aggregate.Aggregator();
        dev.lockscope.analyzer.read.ChunkLayout layout = dev.lockscope.analyzer.read.ChunkLayout.scan(f);
        new JmcRecordingReader().read(layout, a.visitorFor(layout), n -> { });
        a.settle();
        return a;
    }

    /**
     * Adds {waits, wait time} of the planted monitor's rows, then of every lock row, then the planted monitor's holder
     * profile: waits profiled, the time their owners held it, the time they slept in it (measured), the owners' flame
     * graph's time and the time placed at an acquire site (known or not).
     */
    private static void add(long[] into, List<LockRow> rows) {
        for (LockRow row : rows) {
            if (MONITOR.equals(row.lockClass())) {
                into[0] += row.waitsCount();
                into[1] += row.totalWaitNanos();
                into[4] += row.holders().waits();
                into[5] += row.holders().ownedNanos();
                row.holders().states().stream().filter(st -> st.state().equals("sleeping"))
                        .forEach(st -> into[6] += st.nanos());
                into[7] += row.holders().flame().nanos();
                row.holders().acquiredAt().forEach(at -> into[8] += at.nanos());
            }
            into[2] += row.waitsCount();
            into[3] += row.totalWaitNanos();
        }
    }

    /**
     * One JVM's 25 recordings joined into one file (25 chunks, one after another): read whole, read in parts of a chunk
     * each (as a large recording is), or read as the 25 files, the lock rows and the planted monitor's holder profile
     * are the same, and the file's parts are shown as the recordings they are parts of.
     */
    @Test
    void oneLargeRecordingReadInPartsReportsAsItsRotatedFilesDoAsOneRecording() throws Exception {
        List<Path> jvmA = files.subList(0, PER_JVM);
        Path joined = dir.resolve("jvm-a-joined.jfr.bin");
        try (java.io.OutputStream out = Files.newOutputStream(joined)) {
            for (Path f : jvmA) {
                Files.copy(f, out);
            }
        }
        Report rotated = analyze(jvmA, 2);
        Report whole = Analysis.analyze(List.of(joined), new JmcRecordingReader(), Analysis.ProgressListener.NONE,
                new Analysis.Options(2, false, Long.MAX_VALUE));
        Report inParts = Analysis.analyze(List.of(joined), new JmcRecordingReader(), Analysis.ProgressListener.NONE,
                new Analysis.Options(2, false, 1));
        // The child starts each recording as the last one ends; on a loaded machine a gap can pass the second after
        // which chunks are another recording, so the file is as many recordings as it has runs of chunks.
        List<dev.lockscope.analyzer.read.ChunkLayout> runs = dev.lockscope.analyzer.read.ChunkLayout.scan(joined)
                .recordingsInFile();
        for (Report r : List.of(whole, inParts)) {
            assertThat(r.recordings()).hasSameSizeAs(runs);
            assertThat(r.recordings().stream().mapToInt(Report.RecordingInfo::chunks).sum()).isEqualTo(PER_JVM);
            // Whole, it also spans the milliseconds between one recording's end and the next one's start.
            assertThat(r.recordings().stream().mapToLong(Report.RecordingInfo::durationNanos).sum())
                    .isGreaterThanOrEqualTo(rotated.recordings().stream().mapToLong(Report.RecordingInfo::durationNanos).sum());
            assertThat(sumOfWaitEvents(r)).isEqualTo(sumOfWaitEvents(rotated));
        }
        long[] a = new long[9];
        long[] b = new long[9];
        long[] c = new long[9];
        add(a, rotated.locks());
        add(b, whole.locks());
        add(c, inParts.locks());
        assertThat(c).as("in parts vs rotated files").containsExactly(a);
        // Read whole, the holder profile joins across chunks: the same waits and wait time, the owners' may differ.
        assertThat(java.util.Arrays.copyOf(b, 4)).as("whole vs rotated files").containsExactly(java.util.Arrays.copyOf(a, 4));
        assertThat(inParts.recordings().stream().mapToLong(Report.RecordingInfo::durationNanos).sum())
                .isEqualTo(rotated.recordings().stream().mapToLong(Report.RecordingInfo::durationNanos).sum());
        assertThat(inParts.activeTimeNanos()).isEqualTo(rotated.activeTimeNanos());
        assertThat(inParts.threadTimeNanos()).isEqualTo(rotated.threadTimeNanos());
    }

    private static Map<String, Long> sumOfWaitEvents(Report r) {
        Map<String, Long> m = new TreeMap<>();
        r.recordings().forEach(i -> i.waitEvents().forEach((k, v) -> m.merge(k, v, Long::sum)));
        return m;
    }

    @Test
    void thePerJvmSectionListsEachJvmWithItsTopLock() throws Exception {
        Report r = analyze(files, 2);
        assertThat(r.jvms()).hasSize(2);
        assertThat(r.jvms()).extracting(Report.JvmRow::pid).containsExactlyInAnyOrderElementsOf(pids);
        assertThat(r.jvms()).extracting(Report.JvmRow::id).containsExactly("J1", "J2");
        for (Report.JvmRow j : r.jvms()) {
            assertThat(j.recordings()).hasSize(PER_JVM);
            assertThat(j.topLock()).isNotNull();
            assertThat(j.topLock().lockClass()).isEqualTo(MONITOR);
            assertThat(j.topLock().shareOfJvmActiveTime()).isGreaterThan(0).isLessThanOrEqualTo(1);
            assertThat(j.topLock().waitNanos()).isLessThanOrEqualTo(j.lockWaitNanos());
            LockRow row = r.locks().stream().filter(l -> l.id().equals(j.topLock().rowId())).findFirst().orElseThrow();
            assertThat(row.lockClass()).isEqualTo(MONITOR);
            assertThat(row.totalWaitNanos()).isEqualTo(j.topLock().waitNanos());
        }
        assertThat(r.jvms().get(0).topLock().shareOfJvmActiveTime())
                .isGreaterThanOrEqualTo(r.jvms().get(1).topLock().shareOfJvmActiveTime());
        StringWriter text = new StringWriter();
        TextRenderer.render(r, new PrintWriter(text));
        assertThat(text.toString()).contains("JVMS: 2,").contains("J1 ").contains("J2 ")
                .contains("... 45 more recordings");
        assertThat(json(r)).contains("\"jvms\"").contains("\"shareOfJvmActiveTime\"");
        StringWriter html = new StringWriter();
        dev.lockscope.analyzer.report.HtmlRenderer.render(r, new PrintWriter(html));
        assertThat(html.toString()).contains("<h2 id=\"jvms\">").contains("<tr id=\"J1\">").contains("<tr id=\"J2\">")
                .contains("<a href=\"#" + r.jvms().get(0).topLock().rowId() + "\">")
                .contains("<details><summary>" + files.size() + " recordings");
        // One JVM alone has no such section (its report is what it was).
        Report one = analyze(files.subList(0, 3), 2);
        assertThat(one.jvms()).isEmpty();
        assertThat(json(one)).doesNotContain("\"jvms\"");
    }

    @Test
    void aFileThatCannotBeReadAmongManyIsSkippedNamedAndTheRestReported() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.jfr.txt"), "hello, I am text\n".repeat(20));
        byte[] bytes = Files.readAllBytes(files.get(0));
        for (int i = 68; i < bytes.length; i++) {
            bytes[i] = (byte) 0xff; // a valid header, then nothing a parser can read
        }
        Path garbage = Files.write(dir.resolve("garbage.bin"), bytes);
        List<Path> given = new ArrayList<>(files.subList(1, 10));
        given.add(2, text);
        given.add(garbage);
        List<String> args = new ArrayList<>(List.of("analyze", "--format", "json", "-o", "-"));
        given.forEach(f -> args.add(f.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LockscopeCli.execute(args.toArray(String[]::new), new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertThat(code).isEqualTo(LockscopeCli.EXIT_PARTIAL);
        List<String> lines = err.toString().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("lockscope: skipped: "));
        assertThat(lines.get(0)).contains(text.toString()).contains("not a JFR recording");
        assertThat(lines.get(1)).contains(garbage.toString()).contains("corrupt JFR recording");
        assertThat(err.toString()).doesNotContain("\tat ");
        assertThat(out.toString()).contains("\"skipped\"").contains("garbage.bin").contains(MONITOR);
        Report r = analyze(given, 2);
        assertThat(r.recordings()).hasSize(9);
        assertThat(r.skipped()).extracting(Report.SkippedFile::file)
                .containsExactly(text.toString(), garbage.toString());
        assertThat(r.notes()).filteredOn(n -> n.startsWith("skipped, as it could not be read: ")).hasSize(2);
    }

    @Test
    void everyFileUnreadableFailsInOneLine() throws Exception {
        Path a = Files.writeString(dir.resolve("a.txt"), "not a recording at all, just some text");
        Path b = Files.writeString(dir.resolve("b.txt"), "nor is this one, it is some more text");
        StringWriter err = new StringWriter();
        int code = LockscopeCli.execute(new String[] {"analyze", a.toString(), b.toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(code).isEqualTo(LockscopeCli.EXIT_FAILURE);
        assertThat(err.toString().lines().filter(l -> !l.isBlank()).toList()).singleElement()
                .satisfies(l -> assertThat(l).contains("none of the 2 files could be read").contains("a.txt"));
    }

    @Test
    void jobsOutOfRangeIsAUsageError() {
        for (String jobs : List.of("0", "257")) {
            StringWriter err = new StringWriter();
            int code = LockscopeCli.execute(new String[] {"analyze", "--jobs", jobs, files.get(0).toString()},
                    new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
            assertThat(code).as("--jobs " + jobs).isEqualTo(LockscopeCli.EXIT_USAGE);
            assertThat(err.toString().lines().filter(l -> !l.isBlank()).toList()).singleElement()
                    .satisfies(l -> assertThat(l).contains("--jobs must be between 1 and 256"));
        }
    }
}
