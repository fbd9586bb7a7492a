package dev.lockscope.analyzer.report;

import static dev.lockscope.analyzer.report.PlantedFigures.AGENT_WAITS;
import static dev.lockscope.analyzer.report.PlantedFigures.ISSUE_MAX_WAIT;
import static dev.lockscope.analyzer.report.PlantedFigures.ISSUE_SITE;
import static dev.lockscope.analyzer.report.PlantedFigures.LEDGER_SITE;
import static dev.lockscope.analyzer.report.PlantedFigures.RECORDED_WAITS;
import static dev.lockscope.analyzer.report.PlantedFigures.SINGLE_SITE;
import static dev.lockscope.analyzer.report.PlantedFigures.TEN_SECONDS_AND_A_BIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.advisor.HoldBounds;
import dev.lockscope.advisor.Verdict;
import dev.lockscope.advisor.Waits;
import dev.lockscope.analyzer.report.Report.LockRow;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One definition per figure, on planted rows: percentiles never above the max and monotone (a single wait's are the
 * wait), each count with what it counts, the agent's tally quoted beside the recorded one, and a hold figure called
 * the same in the text, the JSON, the HTML and the advice.
 */
class FigureDefinitionsTest {
    /** What a row of jdk.ThreadPark events counts. */
    static final String PARKS = "recorded parks above the JDK threshold of 20 ms (an acquisition may park more than once)";
    static Report report;
    static String text;
    static String json;
    static String html;

    @BeforeAll
    static void build() throws IOException {
        report = PlantedFigures.report();
        StringWriter t = new StringWriter();
        TextRenderer.render(report, new PrintWriter(t));
        text = t.toString();
        StringWriter j = new StringWriter();
        JsonRenderer.render(report, j, false);
        json = j.toString();
        StringWriter h = new StringWriter();
        HtmlRenderer.render(report, new PrintWriter(h));
        html = h.toString();
    }

    private static LockRow agentRow(String site) {
        return report.locks().stream().filter(r -> r.agent() != null && r.agent().constructionSite().equals(site))
                .findFirst().orElseThrow(() -> new AssertionError("no row for " + site + " in " + report.locks()));
    }

    private static LockRow rowAt(String appClass) {
        return report.locks().stream().filter(r -> r.topSite().startsWith(appClass + ".")).findFirst()
                .orElseThrow(() -> new AssertionError("no row waited in " + appClass + ": " + report.locks()));
    }

    private static void assertMonotoneUpToMax(LockRow r) {
        assertThat(r.p50Nanos()).as("p50 <= p90").isLessThanOrEqualTo(r.p90Nanos());
        assertThat(r.p90Nanos()).as("p90 <= p99").isLessThanOrEqualTo(r.p99Nanos());
        assertThat(r.p99Nanos()).as("p99 <= max").isLessThanOrEqualTo(r.maxNanos());
    }

    @Test
    void aSingleRecordedWaitsPercentilesAreThatWaitExactly() {
        LockRow r = rowAt("com.example.Single");
        assertThat(r.waitsCount()).isEqualTo(1);
        assertThat(r.maxNanos()).isEqualTo(TEN_SECONDS_AND_A_BIT); // not the histogram's 1%-wide bucket top
        assertThat(r.p50Nanos()).isEqualTo(TEN_SECONDS_AND_A_BIT);
        assertThat(r.p90Nanos()).isEqualTo(TEN_SECONDS_AND_A_BIT);
        assertThat(r.p99Nanos()).isEqualTo(TEN_SECONDS_AND_A_BIT);
    }

    @Test
    void agentOnlyPercentilesNeverPassTheMax() {
        LockRow r = agentRow(ISSUE_SITE);
        assertThat(r.sourceEvents()).containsExactly("dev.lockscope.LockSummary");
        assertThat(r.maxNanos()).isEqualTo(ISSUE_MAX_WAIT);
        assertMonotoneUpToMax(r);
        assertThat(r.p50Nanos()).isEqualTo(1L << 22); // the end of the median's bucket [2.1 ms, 4.2 ms)
        assertThat(r.p90Nanos()).isEqualTo(ISSUE_MAX_WAIT); // the bucket [8.4 ms, 16.8 ms) ends past the max
        assertThat(r.p99Nanos()).isEqualTo(ISSUE_MAX_WAIT);

        LockRow single = agentRow(SINGLE_SITE);
        assertThat(single.waitsCount()).isEqualTo(1);
        assertThat(single.p50Nanos()).isEqualTo(TEN_SECONDS_AND_A_BIT);
        assertThat(single.p90Nanos()).isEqualTo(TEN_SECONDS_AND_A_BIT);
        assertThat(single.p99Nanos()).isEqualTo(TEN_SECONDS_AND_A_BIT);
        assertThat(single.maxNanos()).isEqualTo(TEN_SECONDS_AND_A_BIT);
        assertThat(single.totalWaitNanos()).isEqualTo(TEN_SECONDS_AND_A_BIT);
    }

    @Test
    void everyRowsPercentilesAreMonotoneUpToItsMax() {
        assertThat(report.locks()).isNotEmpty().allSatisfy(FigureDefinitionsTest::assertMonotoneUpToMax);
    }

    @Test
    void eachCountSaysWhatItCounts() {
        LockRow ledger = agentRow(LEDGER_SITE);
        assertThat(ledger.waitsCount()).isEqualTo(RECORDED_WAITS);
        assertThat(ledger.waitsCounted()).isEqualTo(PARKS);
        assertThat(agentRow("com.example.Cache").waitsCounted()).isEqualTo("recorded waits above the JDK threshold of 20 ms");
        assertThat(ledger.waitsSource()).isEqualTo("measured: jdk.ThreadPark events");
        assertThat(ledger.agent().waits().count()).isEqualTo(AGENT_WAITS);
        assertThat(ledger.agent().waits().counted()).isEqualTo(Waits.EVERY_CONTENDED);
        assertThat(agentRow(ISSUE_SITE).waitsCounted()).isEqualTo(Waits.EVERY_CONTENDED);
        assertThat(agentRow(ISSUE_SITE).waitsSource()).contains("percentiles are ends of log2 buckets, at most the longest wait");
        assertThat(agentRow("com.example.Cache").agent().waits().counted()).isEqualTo(Waits.AGENT_MONITOR_EVENTS);

        // The text says it for the row and for the agent's tally beside it; so does the JSON.
        assertThat(oneLine(text)).contains("waits counted: " + PARKS + " (measured: jdk.ThreadPark events)")
                .contains("waits counted: recorded waits above the JDK threshold of 20 ms (measured: jdk.JavaMonitorEnter");
        assertThat(oneLine(text)).contains("5000 contended acquisitions the agent saw (every one, however short), "
                + "2.00 s in total, wait p50 at most 2.05 us");
        assertThat(json).contains("\"waitsCounted\" : \"" + PARKS + "\"")
                .contains("\"waitsCounted\" : \"" + Waits.EVERY_CONTENDED + "\"")
                .contains("\"totalWaitNanos\" : " + PlantedFigures.AGENT_WAIT_NANOS);
        assertThat(html).contains(RECORDED_WAITS + " " + PARKS + ", 1.25 s in total")
                .contains(AGENT_WAITS + " " + Waits.EVERY_CONTENDED + ", 2.00 s in total");
    }

    @Test
    void theAdviceQuotesTheAgentsCountBesideTheRecordedOneWithTheTrueSource() {
        LockRow ledger = agentRow(LEDGER_SITE);
        assertThat(ledger.advice().evidence().get(0)).startsWith(RECORDED_WAITS
                + " " + PARKS + ", 1.25 s in total,")
                .endsWith("wait p50 25.0 ms, p99 25.0 ms (measured: jdk.ThreadPark events)");
        assertThat(ledger.advice().evidence().get(1)).isEqualTo("also counted: " + AGENT_WAITS + " "
                + Waits.EVERY_CONTENDED + ", 2.00 s in total; wait p50 at most 2.05 us, p99 at most 30.0 ms (measured: "
                + "agent hooks; percentiles are ends of log2 buckets, at most the longest wait)");
        assertThat(agentRow("com.example.Cache").advice().evidence().get(1))
                .startsWith("also counted: 12 " + Waits.AGENT_MONITOR_EVENTS + ", 360 ms in total;");
        // A lock only the agent saw: its waits are the agent's, and the advice says so.
        LockRow issue = agentRow(ISSUE_SITE);
        assertThat(issue.advice().evidence().get(0)).startsWith("100 " + Waits.EVERY_CONTENDED)
                .contains("(measured: agent hooks;").doesNotContain("JFR");
        assertThat(issue.advice().evidence()).noneMatch(l -> l.startsWith("also counted"));
    }

    @Test
    void theHoldFigureIsCalledTheSameInTextJsonAndAdvice() {
        LockRow ledger = agentRow(LEDGER_SITE);
        assertThat(ledger.advice().verdict()).isEqualTo(Verdict.ADOPT_ADAPTIVE_LOCK);
        String estimate = HoldBounds.FROM_WAITS + " 4.10 us";
        String median = HoldBounds.MEDIAN_SPAN + " 32.8 us";
        String mean = HoldBounds.MEAN_SPAN + " 79.4 us";
        assertThat(ledger.advice().reason()).contains(estimate);
        assertThat(ledger.advice().evidence()).anyMatch(l -> l.startsWith(estimate + " (estimated: twice the median of "
                + AGENT_WAITS + " contended waits") && l.contains("the " + median + " covers several holds"));
        String agentLine = TextRenderer.agentLine(ledger.agent());
        assertThat(agentLine).contains(median).contains(mean).contains(estimate);
        assertThat(oneLine(text)).contains(estimate).contains(median).contains(mean);
        assertThat(html).contains(estimate).contains(median).contains(mean);
        // The JSON carries each under a field named for it (docs/report-json.md), with the same value.
        assertThat(ledger.agent().holdFromWaitsNanos()).isEqualTo(4096);
        assertThat(ledger.agent().medianHoldSpanNanos()).isEqualTo(32_768);
        assertThat(json).contains("\"holdEstimatedFromWaitsNanos\" : 4096").contains("\"medianHoldSpanNanos\" : 32768")
                .contains("\"meanHoldSpanNanos\" : 79400");
        // Nowhere is the median span called a mean.
        assertThat(oneLine(text) + json).doesNotContain("mean 32.8 us").doesNotContain("hold span, mean");
    }

    @Test
    void theJsonAgentObjectKeepsItsContract() {
        // docs/report-json.md, "agent": schema 2's names first, then the fields that name each figure for what it is.
        for (String field : List.of("site", "siteKind", "lockId", "source", "matchedBy", "waits", "waitsCounted",
                "waitsSource", "totalWaitNanos", "p50WaitNanos", "p99WaitNanos", "maxWaitNanos", "contendedHolds",
                "meanHoldNanos", "maxHoldNanos", "medianHoldSpanNanos", "meanHoldSpanNanos", "maxHoldSpanNanos",
                "holdEstimatedFromWaitsNanos", "readShare", "ownerOnCpuShare", "futexCallsPerWait", "owners",
                "conditionWaits")) {
            assertThat(json).as(field).contains("\"" + field + "\" : ");
        }
    }

    /** The text with its wrapped lines joined, so a phrase split across two lines is found. */
    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\n\\s*", " ");
    }
}
