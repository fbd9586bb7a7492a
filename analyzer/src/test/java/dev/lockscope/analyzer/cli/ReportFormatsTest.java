package dev.lockscope.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.lockscope.analyzer.PlantedRecording;
import dev.lockscope.analyzer.PlantedRecordings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three formats, through the CLI, on a planted recording. */
class ReportFormatsTest {
    /** The published JSON contract (docs/report-json.md): renaming or dropping one of these breaks users. */
    static final List<String> TOP_LEVEL = List.of("schemaVersion", "tool", "recordings", "threadTimeNanos",
            "threadTimeSource", "activeTimeNanos", "activeTimeSource", "locks", "conditionWaits", "otherParks", "pinned", "notes");
    static final List<String> ROW = List.of("id", "kind", "family", "lockClass", "address", "addressesSeen",
            "addressesMergedBy", "identity", "sites", "waits", "waitsCounted", "waitsSource",
            "waitsSamplingIntervalNanos", "totalWaitNanos", "shareOfActiveTime", "p50WaitNanos", "p90WaitNanos",
            "p99WaitNanos", "maxWaitNanos", "waitingThreads", "waitingThreadsIsLowerBound", "blockedBy", "waiters",
            "sourceEvents", "recordings", "histogram", "agent", "advice", "holders");
    static final List<String> HOLDERS = List.of("available", "unavailableReason", "ownerFrom", "waits", "ownedNanos",
            "waitsWithoutOwner", "waitsLeftOut", "states", "waitedFor", "waitedForBy", "chainRoot");
    static final List<String> OWNER_STATE = List.of("state", "label", "share", "nanos", "source", "origin", "waits",
            "samples", "frames", "events");
    static final List<String> RECORDING = List.of("file", "bytes", "chunks", "truncated", "startEpochNanos",
            "durationNanos", "jvm", "pid", "meanLiveThreads", "thresholds", "waitEvents", "recorder",
            "lockSamplingIntervalNanos");

    @TempDir
    static Path dir;
    static Path recording;

    @BeforeAll
    static void record() throws Exception {
        recording = PlantedRecordings.planted(dir);
    }

    @Test
    void textFitsOneHundredColumnsAndRanksThePlantedMonitorFirst() {
        CliRun run = CliRun.of("analyze", recording.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100));
        String l1 = run.out().lines().filter(l -> l.startsWith("L1 ")).findFirst().orElseThrow();
        assertThat(l1).contains("PlantedMonitor").contains(" " + PlantedRecording.ROUNDS * PlantedRecording.WAITERS + " ");
        assertThat(run.out()).contains("     monitor " + PlantedRecording.PlantedMonitor.class.getName() + "@0x");
        assertThat(run.out()).contains("CONDITION WAITS");
        // The monitor's waiters were serialised behind the holder and then behind each other.
        assertThat(run.out().lines().filter(l -> l.contains("blocked by (previous owner):")).findFirst().orElseThrow())
                .contains("monitor-waiter-");
    }

    @Test
    void jsonKeepsItsFieldNames() throws IOException {
        CliRun run = CliRun.of("analyze", "--format", "json", recording.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        try (JsonParser p = new JsonFactory().createParser(run.out())) {
            List<Set<String>> objects = new ArrayList<>();
            collectKeys(p, objects, new ArrayList<>(), "");
            assertThat(keysAt(objects, "")).containsExactlyElementsOf(TOP_LEVEL);
            assertThat(keysAt(objects, "/locks[]")).containsExactlyElementsOf(ROW);
            assertThat(keysAt(objects, "/recordings[]")).containsExactlyElementsOf(RECORDING);
            assertThat(keysAt(objects, "/locks[]/holders")).containsExactlyElementsOf(HOLDERS);
            assertThat(keysAt(objects, "/locks[]/holders/states[]")).containsExactlyElementsOf(OWNER_STATE);
        }
        // The planted recording's JDK events were recorded with threshold 0: the count says so.
        assertThat(run.out()).contains("\"waitsCounted\" : \"recorded waits above the JDK threshold of 0 ns\"");
        assertThat(run.out()).contains("\"schemaVersion\" : 2")
                .contains("\"lockClass\" : \"" + PlantedRecording.PlantedMonitor.class.getName() + "\"");
    }

    @Test
    void htmlIsOneSelfContainedFileWithChartHistogramAndFlameGraph() throws IOException {
        Path html = dir.resolve("r.html");
        CliRun run = CliRun.of("analyze", "--format", "html", "-o", html.toString(), recording.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("wrote " + html);
        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("class=\"chart\"").contains("class=\"hist\"")
                .contains("class=\"flame\"").contains("PlantedMonitor").contains("lambda$contendOnMonitor$")
                .endsWith("</html>\n");
        // Opens offline: nothing is fetched from anywhere.
        assertThat(page).doesNotContain("src=").doesNotContain("href=\"http").doesNotContain("@import");
    }

    @Test
    void severalRecordingsAreMergedIntoOneReport() throws Exception {
        Path other = PlantedRecordings.small(dir.resolve("small.jfr"));
        CliRun run = CliRun.of("analyze", "--format", "json", recording.toString(), other.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(recording.getFileName().toString()).contains("small.jfr")
                .contains("small-holder");
    }

    @Test
    void aTruncatedRecordingReportsItsCompleteChunksAndSaysSo() throws Exception {
        Path other = PlantedRecordings.small(dir.resolve("small2.jfr"));
        byte[] a = Files.readAllBytes(recording);
        byte[] b = Files.readAllBytes(other);
        byte[] cut = new byte[a.length + b.length / 2];
        System.arraycopy(a, 0, cut, 0, a.length);
        System.arraycopy(b, 0, cut, a.length, b.length / 2);
        Path truncated = Files.write(dir.resolve("truncated.jfr"), cut);
        CliRun run = CliRun.of("analyze", truncated.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("(TRUNCATED)").contains("is truncated: reported its complete chunks")
                .contains("PlantedMonitor").doesNotContain("small-holder");
    }

    @Test
    void theSameChunksInTwoFilesAreCountedOnce() throws Exception {
        Path copy = Files.copy(recording, dir.resolve("copy.jfr"));
        CliRun once = CliRun.of("analyze", recording.toString());
        CliRun twice = CliRun.of("analyze", recording.toString(), copy.toString());
        String l1Once = once.out().lines().filter(l -> l.startsWith("L1 ")).findFirst().orElseThrow();
        String l1Twice = twice.out().lines().filter(l -> l.startsWith("L1 ")).findFirst().orElseThrow();
        assertThat(l1Twice).isEqualTo(l1Once);
        assertThat(twice.out()).contains("already read from an earlier file");
    }

    private static Set<String> keysAt(List<Set<String>> objects, String path) {
        for (Set<String> o : objects) {
            if (o.contains("@" + path)) {
                Set<String> keys = new LinkedHashSet<>(o);
                keys.remove("@" + path);
                return keys;
            }
        }
        throw new AssertionError("no object at " + path);
    }

    /** Records, per object path, its keys in order (first object seen at each path). */
    private static void collectKeys(JsonParser p, List<Set<String>> out, List<String> seenPaths, String path)
            throws IOException {
        JsonToken t = p.nextToken();
        readValue(p, t, out, seenPaths, path);
    }

    private static void readValue(JsonParser p, JsonToken t, List<Set<String>> out, List<String> seenPaths,
                                  String path) throws IOException {
        if (t == JsonToken.START_OBJECT) {
            Set<String> keys = new LinkedHashSet<>();
            boolean first = !seenPaths.contains(path);
            if (first) {
                seenPaths.add(path);
                keys.add("@" + path);
                out.add(keys);
            }
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (first) {
                    keys.add(name);
                }
                readValue(p, p.nextToken(), out, seenPaths, path + "/" + name);
            }
        } else if (t == JsonToken.START_ARRAY) {
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                readValue(p, t, out, seenPaths, path + "[]");
            }
        }
    }
}
