package dev.lockscope.analyzer.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lockscope.analyzer.Analysis;
import dev.lockscope.analyzer.OwnerPrograms;
import dev.lockscope.analyzer.PlantedRecordings;
import dev.lockscope.analyzer.cli.LockscopeCli;
import dev.lockscope.analyzer.holders.FileWritingOwner;
import dev.lockscope.analyzer.read.JmcRecordingReader;
import dev.lockscope.analyzer.report.Report;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the analyze report of a planted recording and a diff page in headless Chromium, uses them as a reader would
 * (mouse and keyboard through the DevTools protocol), and fails on any console error. Screenshots of both pages are
 * written under target/html-pages for review. Needs Debian's chromium: installed here when missing and running as
 * root, otherwise skipped with the reason.
 */
class HtmlPagesInChromiumTest {
    static final Path SCREENSHOTS = Path.of("target", "html-pages");
    /** The search highlight of flame.js, as the canvas holds it. */
    static final List<Long> MATCH_RGB = List.of(214L, 59L, 214L);
    /** A number not followed by a unit (ns, us, ms, s, waits, calls, %...). */
    static final Pattern BARE_NUMBER = Pattern.compile("\\d[\\d,]*(?:\\.\\d+)?(?![\\d,.]*\\s?(?:[a-zA-Z%]|/s))");
    /**
     * Words (runs of letters and digits) in names, table cells and headings that the browser laid out on more
     * than one line: a word broken in the middle. Returns [broken words, number of name cells that wrapped].
     */
    static final String BROKEN_WORDS = """
            (() => {
              const broken = [];
              document.querySelectorAll('td, h3, code, dd').forEach(el => {
                const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
                let node;
                while ((node = walker.nextNode())) {
                  const words = /[A-Za-z0-9_]+/g;
                  let m;
                  while ((m = words.exec(node.data))) {
                    const range = document.createRange();
                    range.setStart(node, m.index);
                    range.setEnd(node, m.index + m[0].length);
                    const lines = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0)
                        .map(r => Math.round(r.top)));
                    if (lines.size > 1) broken.push(m[0]);
                  }
                }
              });
              const wrapped = Array.from(document.querySelectorAll('td.name')).filter(td => {
                const r = document.createRange();
                r.selectNodeContents(td);
                return new Set(Array.from(r.getClientRects()).filter(x => x.width > 0).map(x => Math.round(x.top))).size > 1;
              }).length;
              return [broken, wrapped];
            })()""";
    static final String MISSING_ANCHORS = "Array.from(document.querySelectorAll('a[href^=\"#\"]'))"
            + ".map(a => a.getAttribute('href').substring(1)).filter(id => !document.getElementById(id))";

    @TempDir
    static Path dir;
    static HeadlessChromium browser;
    static Path report;
    static Path diff;

    @BeforeAll
    static void pagesAndBrowser() throws Exception {
        List<String> whyNot = new ArrayList<>();
        Optional<Path> chromium = HeadlessChromium.binary(whyNot);
        if (chromium.isEmpty()) {
            System.out.println("HtmlPagesInChromiumTest skipped: " + whyNot.get(0));
            Assumptions.abort(whyNot.get(0));
        }
        Path planted = PlantedRecordings.planted(dir);
        Path small = PlantedRecordings.small(dir.resolve("small.jfr"));
        report = dir.resolve("report.html");
        diff = dir.resolve("diff.html");
        cli("analyze", "--format", "html", "-o", report.toString(), planted.toString());
        cli("diff", "--format", "html", "-o", diff.toString(), planted.toString(), small.toString());
        browser = HeadlessChromium.start(chromium.get(), dir.resolve("chromium-profile"));
    }

    @AfterAll
    static void closeBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void reportPage() throws Exception {
        String source = Files.readString(report);
        assertThat(source).doesNotContain("http://").doesNotContain("https://");
        Page page = browser.newPage(1280, 900);
        page.open(report);
        assertThat(page.evalNumber("performance.getEntriesByType('resource').length")).as("resources fetched")
                .isZero();

        // Every row id is an anchor: the lock, condition and other-park rows of the planted recording.
        assertThat((List<?>) page.eval(MISSING_ANCHORS)).as("links to ids that do not exist").isEmpty();
        @SuppressWarnings("unchecked")
        List<String> rowIds = (List<String>) page.eval("Array.from(document.querySelectorAll('tr td:first-child'))"
                + ".map(td => td.textContent.trim()).filter(t => /^[LCPV][0-9]+$/.test(t))");
        assertThat(rowIds).contains("L1", "C1");
        for (String id : rowIds) {
            assertThat(page.eval("document.getElementById('" + id + "') !== null")).as("anchor " + id).isEqualTo(true);
        }

        // Frame names are cleaned: no lambda counters, hidden-class addresses or JFR ids.
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) page.eval("JSON.parse(document.getElementById('frame-names').textContent)");
        assertThat(names).anyMatch(n -> n.contains("$$Lambda.run"))
                .noneMatch(n -> n.matches(".*(\\$\\$Lambda\\$\\d|[+/.]0x\\p{XDigit}|\\.\\d+\\.).*"));

        flameGraphZoomsHoversAndResets(page, "#L1 div.flame");
        flameGraphSearchHighlightsAndAddsUp(page, "#L1 div.flame");

        // The histogram: labelled axes, and the wait time per bucket beside the counts.
        assertThat(page.evalString("Array.from(document.querySelectorAll('#L1 svg.hist text.axistitle'))"
                + ".map(t => t.textContent).join('|')")).isEqualTo(
                "waits (log scale)|wait time in bucket|duration of one wait (power-of-2 buckets)");
        assertThat(page.evalNumber("Math.max(...Array.from(document.querySelectorAll('#L1 svg.hist rect.htime'))"
                + ".map(r => r.getBBox().height))")).isGreaterThan(100);

        wordsStayWhole(page, true);
        page.viewport(1280, 900);
        assertThat(page.errors()).as("console errors").isEmpty();
        page.eval("window.scrollTo(0, 0)");
        page.screenshot(SCREENSHOTS.resolve("report.png"));
        assertThat(page.errors()).as("console errors").isEmpty();
    }

    private static void flameGraphZoomsHoversAndResets(Page page, String graph) throws Exception {
        String g = "document.querySelector('" + graph + "')";
        page.eval(g + ".scrollIntoView({block: 'center'})");
        assertThat(page.evalString(g + ".querySelector('.flame-root').textContent")).isEqualTo("all (the whole row)");
        @SuppressWarnings("unchecked")
        Map<String, Object> target = (Map<String, Object>) page.eval("(() => { const g = " + g + ";"
                + " const c = g.querySelector('canvas').getBoundingClientRect();"
                + " const f = g.flameGraph.visibleFrames().filter(f => f.depth >= 2 && f.w > 40)"
                + "   .sort((a, b) => a.depth - b.depth)[0];"
                + " return {name: f.name, depth: f.depth, x: c.left + f.x + 20, y: c.top + f.y + f.h / 2,"
                + "   width: c.width}; })()");
        String name = (String) target.get("name");
        int depth = ((Number) target.get("depth")).intValue();
        double x = ((Number) target.get("x")).doubleValue();
        double y = ((Number) target.get("y")).doubleValue();

        page.hover(x, y);
        assertThat(page.evalString(g + ".querySelector('.flame-status').textContent"))
                .startsWith(name + ": ").containsPattern("[0-9.]+ (ns|us|ms|s) of waiting, [0-9.]+% of this row's wait")
                .endsWith("(click to zoom in)");

        page.click(x, y);
        assertThat(page.evalString(g + ".querySelector('.flame-root').textContent")).isEqualTo(name);
        assertThat(page.evalString(g + ".getAttribute('data-root')")).isEqualTo(name);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> frames = (List<Map<String, Object>>) page.eval(g + ".flameGraph.visibleFrames()");
        double width = ((Number) target.get("width")).doubleValue();
        Map<String, Object> root = frames.stream().filter(f -> name.equals(f.get("name"))
                && ((Number) f.get("depth")).intValue() == depth).findFirst().orElseThrow();
        assertThat(((Number) root.get("x")).doubleValue()).isZero();
        assertThat(((Number) root.get("w")).doubleValue()).isCloseTo(width, org.assertj.core.data.Offset.offset(1.0));
        // Below the zoomed frame, its ancestors only, dimmed; nothing beside it.
        assertThat(frames).filteredOn(f -> ((Number) f.get("depth")).intValue() < depth)
                .hasSize(depth).allMatch(f -> Boolean.TRUE.equals(f.get("dimmed")));
        assertThat(frames).filteredOn(f -> ((Number) f.get("depth")).intValue() >= depth)
                .noneMatch(f -> Boolean.TRUE.equals(f.get("dimmed")));

        @SuppressWarnings("unchecked")
        Map<String, Object> reset = (Map<String, Object>) page.eval("(() => { const r = " + g
                + ".querySelector('.flame-reset').getBoundingClientRect(); return {x: r.left + r.width / 2,"
                + " y: r.top + r.height / 2}; })()");
        page.click(((Number) reset.get("x")).doubleValue(), ((Number) reset.get("y")).doubleValue());
        assertThat(page.evalString(g + ".querySelector('.flame-root').textContent")).isEqualTo("all (the whole row)");
    }

    private static void flameGraphSearchHighlightsAndAddsUp(Page page, String graph) throws Exception {
        String g = "document.querySelector('" + graph + "')";
        @SuppressWarnings("unchecked")
        Map<String, Object> box = (Map<String, Object>) page.eval("(() => { const r = " + g
                + ".querySelector('.flame-search').getBoundingClientRect(); return {x: r.left + 20,"
                + " y: r.top + r.height / 2}; })()");
        page.click(((Number) box.get("x")).doubleValue(), ((Number) box.get("y")).doubleValue());
        // Every wait on the planted monitor is inside the planted waiters' lambda: the match is the whole row.
        page.type("contendOnMonitor");
        long rootNanos = (long) page.evalNumber("JSON.parse(" + g + ".querySelector('script.flame-data').textContent)[1]");
        assertThat(page.evalNumber("Number(" + g + ".getAttribute('data-matched-frames'))")).isPositive();
        assertThat((long) page.evalNumber("Number(" + g + ".getAttribute('data-matched-nanos'))")).isEqualTo(rootNanos);
        assertThat(page.evalString(g + ".querySelector('.flame-matched').textContent"))
                .matches("matched [0-9.]+ (ns|us|ms|s), 100\\.0% of this row's wait \\([0-9]+ frames?\\)");
        // The matching frames are painted in the highlight colour.
        @SuppressWarnings("unchecked")
        List<Long> pixel = ((List<Number>) page.eval("(() => { const g = " + g + ";"
                + " const f = g.flameGraph.visibleFrames().filter(f => f.match)[0];"
                + " const ratio = window.devicePixelRatio || 1;"
                + " const d = g.querySelector('canvas').getContext('2d')"
                + "   .getImageData(Math.round((f.x + 1) * ratio), Math.round((f.y + 2) * ratio), 1, 1).data;"
                + " return [d[0], d[1], d[2]]; })()")).stream().map(Number::longValue).toList();
        assertThat(pixel).isEqualTo(MATCH_RGB);

        // Enter zooms to the (first) match, Escape clears the search.
        page.press("Enter", 13);
        assertThat(page.evalString(g + ".querySelector('.flame-root').textContent")).contains("contendOnMonitor");
        page.press("Escape", 27);
        assertThat(page.evalString(g + ".querySelector('.flame-search').value")).isEmpty();
        assertThat(page.evalString(g + ".querySelector('.flame-matched').textContent")).isEmpty();
        assertThat(page.eval(g + ".flameGraph.visibleFrames().some(f => f.match)")).isEqualTo(false);

        page.type("NoSuchFrameAnywhere");
        assertThat(page.evalString(g + ".querySelector('.flame-matched').textContent")).isEqualTo("no frame matches");
        assertThat(page.evalNumber("Number(" + g + ".getAttribute('data-matched-frames'))")).isZero();
    }

    /** No word breaks across lines, wide or narrow; narrow, long names do wrap (between their parts). */
    private static void wordsStayWhole(Page page, boolean mustWrapWhenNarrow) throws Exception {
        List<?> wide = (List<?>) page.eval(BROKEN_WORDS);
        assertThat((List<?>) wide.get(0)).as("words broken at 1280 px").isEmpty();
        page.viewport(560, 900);
        List<?> narrow = (List<?>) page.eval(BROKEN_WORDS);
        assertThat((List<?>) narrow.get(0)).as("words broken at 560 px").isEmpty();
        if (mustWrapWhenNarrow) {
            assertThat(((Number) narrow.get(1)).intValue()).as("name cells that wrapped at 560 px").isPositive();
        }
    }

    /**
     * The holder flame graph of a planted owner that writes and forces a file while holding a monitor
     * ({@link FileWritingOwner}, JDK 17 child, file events from 0 ms): it renders beside the waiters' graph, and
     * searching it for the force call adds up to the share of the waits the program itself timed in {@code
     * FileChannel.force}, within 10 percentage points (the events and the program time the same calls; the report
     * leaves out waits under the monitor-enter threshold and counts time only while the owner held the lock).
     */
    @Test
    void holderFlameGraphOfAFileForcingOwner() throws Exception {
        Path jfc = OwnerPrograms.settings(dir, "jdk.FileRead", "jdk.FileWrite", "jdk.FileForce");
        Path jfr = dir.resolve("file-forcing.jfr");
        Path files = Files.createDirectories(dir.resolve("journal"));
        Map<String, Long> own = OwnerPrograms.run(Path.of(System.getProperty("java.home"), "bin", "java"), jfc, jfr,
                List.of(), FileWritingOwner.class, dir, 3, files.toString());
        Path html = dir.resolve("holders.html");
        cli("analyze", "--format", "html", "-o", html.toString(), jfr.toString());
        Report report = Analysis.analyze(List.of(jfr), new JmcRecordingReader(), Analysis.ProgressListener.NONE);
        Report.LockRow row = report.locks().stream()
                .filter(r -> FileWritingOwner.Journal.class.getName().equals(r.lockClass())).findFirst().orElseThrow();
        Page page = browser.newPage(1280, 900);
        page.open(html);
        String card = "document.getElementById('" + row.id() + "')";
        String g = card + ".querySelector('div.flame-holders')";
        assertThat(page.evalNumber(card + ".querySelectorAll('div.flame').length")).as("waiters' and holders' graphs")
                .isEqualTo(2.0);
        page.eval(g + ".scrollIntoView({block: 'center'})");
        assertThat(page.evalString(g + ".querySelector('.flame-root').textContent"))
                .isEqualTo("all (the owners' whole held time)");
        assertThat(page.evalNumber(g + ".flameGraph.visibleFrames().length")).as("frames drawn").isGreaterThan(3);

        double force = searchShare(page, g, "FileChannelImpl\\.force|FileDispatcherImpl\\.force|: jdk\\.FileForce\\]");
        double programForce = (double) own.get("force.nanos") / own.get("waits.nanos");
        String matched = page.evalString(g + ".querySelector('.flame-matched').textContent");
        System.out.printf("HtmlPagesInChromiumTest holder graph: the force call %.3f of the owners' held time in the"
                + " browser (%s), program %.3f of the waits in FileChannel.force%n", force, matched, programForce);
        assertThat(matched).matches("matched [0-9.]+ (ns|us|ms|s), [0-9.]+% of the time the owners held the lock "
                + "while others waited \\([0-9]+ frames?\\)");
        assertThat(force).isCloseTo(programForce, within(0.10));
        assertThat(programForce).as("the program forces for a measurable part of the waits").isGreaterThan(0.02);

        // The state frames on top add up to the profile's state share (pruning drops at most a few tiny stacks).
        page.press("Escape", 27);
        double fileIo = searchShare(page, g, "^\\[in file I/O: ");
        assertThat(fileIo).isCloseTo(row.holders().share("file-io"), within(0.02));

        // Hovering a frame says the owners' time, not wait time.
        @SuppressWarnings("unchecked")
        Map<String, Object> target = (Map<String, Object>) page.eval("(() => { const g = " + g + ";"
                + " const c = g.querySelector('canvas').getBoundingClientRect();"
                + " const f = g.flameGraph.visibleFrames().filter(f => f.depth >= 1 && f.w > 40)[0];"
                + " return {x: c.left + f.x + 20, y: c.top + f.y + f.h / 2}; })()");
        page.hover(((Number) target.get("x")).doubleValue(), ((Number) target.get("y")).doubleValue());
        assertThat(page.evalString(g + ".querySelector('.flame-status').textContent"))
                .containsPattern("[0-9.]+ (ns|us|ms|s) of the owners' time, [0-9.]+% of the time the owners held");
        page.screenshot(SCREENSHOTS.resolve("holders.png"));
        assertThat(page.errors()).as("console errors").isEmpty();
    }

    /** Types {@code text} into graph {@code g}'s search box; returns the matched share of the graph's root. */
    private static double searchShare(Page page, String g, String text) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> box = (Map<String, Object>) page.eval("(() => { const r = " + g
                + ".querySelector('.flame-search').getBoundingClientRect(); return {x: r.left + 20,"
                + " y: r.top + r.height / 2}; })()");
        page.click(((Number) box.get("x")).doubleValue(), ((Number) box.get("y")).doubleValue());
        page.type(text);
        assertThat(page.evalNumber("Number(" + g + ".getAttribute('data-matched-frames'))")).as("frames matching " + text)
                .isPositive();
        double root = page.evalNumber("JSON.parse(" + g + ".querySelector('script.flame-data').textContent)[1]");
        return page.evalNumber("Number(" + g + ".getAttribute('data-matched-nanos'))") / root;
    }

    @Test
    void diffPage() throws Exception {
        String source = Files.readString(diff);
        assertThat(source).doesNotContain("http://").doesNotContain("https://");
        Page page = browser.newPage(1280, 900);
        page.open(diff);
        assertThat(page.evalNumber("performance.getEntriesByType('resource').length")).isZero();
        assertThat((List<?>) page.eval(MISSING_ANCHORS)).isEmpty();

        String text = page.evalString("document.body.innerText");
        assertThat(text).doesNotContain("`");
        assertThat(page.evalString("Array.from(document.querySelectorAll('li code')).map(c => c.textContent)"
                + ".join('|')")).contains("lockscope demo --compare");
        // What was compared: both files, with how long each was recorded.
        String compared = page.evalString("document.querySelector('dl.compared').innerText");
        assertThat(compared).contains("before").contains("after").contains("small.jfr").contains("planted-")
                .containsPattern("[0-9.]+ (ms|s) recorded");
        assertThat(page.evalString("Array.from(document.querySelectorAll('th')).map(t => t.textContent).join('|')"))
                .contains("total wait|wait time per second|waits|waits per second|p99 wait|futex calls per wait");

        // Every number in the table says what it counts.
        @SuppressWarnings("unchecked")
        List<String> cells = (List<String>) page.eval("Array.from(document.querySelectorAll('td.num'))"
                + ".map(td => td.innerText)");
        assertThat(cells).isNotEmpty();
        for (String cell : cells) {
            Matcher m = BARE_NUMBER.matcher(cell);
            assertThat(m.find()).as("a number without unit in '" + cell + "'").isFalse();
        }
        assertThat(String.join("|", cells)).containsPattern("[0-9.]+ waits/s").containsPattern("[0-9.]+ (ns|us|ms|s)/s");

        wordsStayWhole(page, false);
        page.viewport(1280, 900);
        page.screenshot(SCREENSHOTS.resolve("diff.png"));
        assertThat(page.errors()).as("console errors").isEmpty();
    }

    private static void cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LockscopeCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(String.join(" ", args) + ": " + err).isZero();
    }
}
