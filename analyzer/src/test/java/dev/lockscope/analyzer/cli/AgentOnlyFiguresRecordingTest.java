package dev.lockscope.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.lockscope.advisor.HoldBounds;
import dev.lockscope.analyzer.AgentSummaries;
import dev.lockscope.events.LockSummary;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording of the agent's summaries alone (locks whose waits all fell under the JDK's threshold), read through
 * the CLI: every row's percentiles rise and stay at most its max, a single wait's are that wait, and the hold
 * figures are called the same in the text, the JSON and the advice.
 */
class AgentOnlyFiguresRecordingTest {
    static final long SINGLE_WAIT = 10_000_000_000L;
    static final long ISSUE_MAX = 14_200_000;

    @TempDir
    static Path dir;
    static Path file;

    @BeforeAll
    static void record() throws Exception {
        file = dir.resolve("agent-only.jfr");
        try (Recording r = new Recording()) {
            r.enable(LockSummary.class);
            r.enable("jdk.JavaThreadStatistics").withPeriod(java.time.Duration.ofMillis(100));
            r.start();
            // 80 waits in [2.1 ms, 4.2 ms), 20 in [8.4 ms, 16.8 ms), the longest 14.2 ms.
            summary("com.example.Issue.<init>:12", 100, 480_000_000L, ISSUE_MAX, buckets(21, 80, 23, 20), 0, null);
            // One wait of 10.0 s, in the bucket [8.6 s, 17.2 s).
            summary("com.example.Single.<init>:3", 1, SINGLE_WAIT, SINGLE_WAIT, buckets(33, 1), 0, null);
            // 5000 short waits of a busy lock, with 400 timed spans whose median bucket ends at 32.8 us.
            summary("com.example.Ledger.<init>:7", 5000, 2_000_000_000L, 30_000_000, buckets(10, 3000, 24, 2000), 400,
                    buckets(13, 150, 14, 100, 15, 150));
            Thread.sleep(300);
            r.stop();
            r.dump(file);
        }
    }

    private static void summary(String site, long waits, long waitTime, long maxWait, String histogram, long holds,
                                String holdHistogram) {
        LockSummary e = AgentSummaries.constructed("java.util.concurrent.locks.ReentrantLock", site, waits, waitTime);
        e.maxWait = maxWait;
        e.waitHistogram = histogram;
        e.holds = holds;
        e.holdTime = holds * 79_400L;
        e.maxHold = holds > 0 ? 1_200_000 : 0;
        e.holdHistogram = holdHistogram;
        e.commit();
    }

    private static String buckets(int... bucketAndCount) {
        long[] c = new long[40];
        for (int i = 0; i < bucketAndCount.length; i += 2) {
            c[bucketAndCount[i]] = bucketAndCount[i + 1];
        }
        StringBuilder b = new StringBuilder();
        int last = bucketAndCount[bucketAndCount.length - 2];
        for (int i = 0; i <= last; i++) {
            b.append(i == 0 ? "" : ",").append(c[i]);
        }
        return b.toString();
    }

    /** Each lock row's numeric fields (the agent's as "agent.NAME"), by the agent's construction site. */
    private static Map<String, Map<String, Long>> rows(String json) throws Exception {
        Map<String, Map<String, Long>> rows = new HashMap<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (!name.equals("locks")) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    Map<String, Long> row = new HashMap<>();
                    String site = null;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String field = p.currentName();
                        JsonToken t = p.nextToken();
                        if (t == JsonToken.VALUE_NUMBER_INT) {
                            row.put(field, p.getLongValue());
                        } else if (field.equals("agent") && t == JsonToken.START_OBJECT) {
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String a = p.currentName();
                                JsonToken at = p.nextToken();
                                if (at == JsonToken.VALUE_NUMBER_INT) {
                                    row.put("agent." + a, p.getLongValue());
                                } else if (a.equals("site")) {
                                    site = p.getText();
                                } else {
                                    p.skipChildren();
                                }
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                    rows.put(site, row);
                }
            }
        }
        return rows;
    }

    @Test
    void percentilesRiseAndStayAtMostTheMax() throws Exception {
        CliRun run = CliRun.of("analyze", "--format", "json", file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, Map<String, Long>> rows = rows(run.out());
        assertThat(rows).containsKeys("com.example.Issue.<init>:12", "com.example.Single.<init>:3");
        rows.forEach((site, r) -> {
            assertThat(r.get("p50WaitNanos")).as(site).isLessThanOrEqualTo(r.get("p90WaitNanos"));
            assertThat(r.get("p90WaitNanos")).as(site).isLessThanOrEqualTo(r.get("p99WaitNanos"));
            assertThat(r.get("p99WaitNanos")).as(site).isLessThanOrEqualTo(r.get("maxWaitNanos"));
        });
        Map<String, Long> issue = rows.get("com.example.Issue.<init>:12");
        assertThat(issue.get("maxWaitNanos")).isEqualTo(ISSUE_MAX);
        assertThat(issue.get("p99WaitNanos")).isEqualTo(ISSUE_MAX);
        Map<String, Long> single = rows.get("com.example.Single.<init>:3");
        for (String p : List.of("p50WaitNanos", "p90WaitNanos", "p99WaitNanos", "maxWaitNanos", "totalWaitNanos")) {
            assertThat(single.get(p)).as(p).isEqualTo(SINGLE_WAIT);
        }
        assertThat(rows.get("com.example.Ledger.<init>:7").get("agent.holdEstimatedFromWaitsNanos")).isEqualTo(4096);
        assertThat(rows.get("com.example.Ledger.<init>:7").get("agent.medianHoldSpanNanos")).isEqualTo(32_768);
    }

    @Test
    void theTextShowsASingleWaitAsItselfAndNamesTheHoldFiguresAsTheAdviceDoes() {
        CliRun run = CliRun.of("analyze", file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String single = run.out().lines().filter(l -> l.matches("L\\d+ .*") && l.contains(" 1 ")).findFirst()
                .orElseThrow(() -> new AssertionError(run.out()));
        // total, p50, p90, p99 and max: all the one wait.
        assertThat(single.split("10\\.0 s", -1)).as(single).hasSize(6);
        String text = run.out().replaceAll("\\s*\\n\\s*", " ");
        String estimate = HoldBounds.FROM_WAITS + " 4.10 us";
        assertThat(text).contains(HoldBounds.MEDIAN_SPAN + " 32.8 us").contains(HoldBounds.MEAN_SPAN + " 79.4 us")
                .contains("agent: site com.example.Ledger.<init>:7").contains(estimate);
        // The advice line of that lock names the same figure.
        assertThat(text).containsPattern("advice: [^:]*: holds are short \\(" + estimate + ", estimated\\)");
    }
}
