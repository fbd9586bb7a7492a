package dev.lockscope.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.analyzer.read.FastJfrReader;
import dev.lockscope.analyzer.read.JmcRecordingReader;
import dev.lockscope.analyzer.read.RecordingReader;
import dev.lockscope.analyzer.report.JsonRenderer;
import dev.lockscope.analyzer.report.Report;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every committed recording under {@code src/test/resources/golden} is analyzed and its JSON report compared with
 * the golden copy beside it ({@code NAME.json}; with {@code --only monitors}, {@code NAME.only-monitors.json}), so
 * any change to a report shows up as a reviewable diff of those files. Only the analyzer's version and the
 * recording's directory are ignored ({@link GoldenJson#normalize}).
 *
 * <p>After an intended change, rewrite the goldens and review their diff:
 * {@code mvn -o -q -B -pl analyzer -am test -Dtest=GoldenReportTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dgolden.update=true}. The recordings themselves are made by hand ({@link GoldenRecordings}).
 */
class GoldenReportTest {
    static final Path DIR = Path.of(System.getProperty("lockscope.home", ".."), "analyzer", "src", "test", "resources",
            "golden");
    /** A fixture is small, so the repository stays small and this test fast. */
    static final long MAX_FIXTURE_BYTES = 1_000_000;
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    static Stream<Arguments> cases() throws IOException {
        return fixtures().stream().flatMap(f -> Stream.of(Arguments.of(f, "jmc"), Arguments.of(f, "only-monitors")));
    }

    static List<String> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jfr")).sorted().toList();
        }
    }

    @Test
    void theFixturesAreThereAndSmall() throws IOException {
        assertThat(fixtures()).as("recordings in " + DIR).hasSizeGreaterThanOrEqualTo(4);
        for (String f : fixtures()) {
            assertThat(Files.size(DIR.resolve(f))).as(f + " bytes").isLessThan(MAX_FIXTURE_BYTES);
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void theReportIsItsGolden(String fixture, String reader) throws Exception {
        String base = fixture.substring(0, fixture.length() - ".jfr".length());
        Path golden = DIR.resolve(reader.equals("jmc") ? base + ".json" : base + "." + reader + ".json");
        String actual = GoldenJson.normalize(json(DIR.resolve(fixture), reader));
        if (UPDATE) {
            Files.writeString(golden, actual);
            System.out.println("GoldenReportTest: wrote " + golden);
            return;
        }
        assertThat(golden).as("golden report (write it with -Dgolden.update=true)").isRegularFile();
        String difference = GoldenJson.firstDifference(Files.readString(golden), actual);
        if (difference != null) {
            throw new AssertionError(fixture + " (" + reader + "): the report is not " + golden.getFileName()
                    + "; first difference at " + difference + ". If the change is intended, rewrite the goldens with "
                    + "-Dgolden.update=true and review their diff.");
        }
    }

    private static String json(Path jfr, String reader) throws Exception {
        RecordingReader r = reader.equals("jmc") ? new JmcRecordingReader() : new FastJfrReader();
        Report report = Analysis.analyze(List.of(jfr), r, Analysis.ProgressListener.NONE);
        StringWriter out = new StringWriter();
        JsonRenderer.render(report, out, false); // as `lockscope analyze --format json` writes it
        return out.toString();
    }
}
