package dev.lockscope.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.analyzer.read.JmcRecordingReader;
import dev.lockscope.analyzer.report.Report;
import dev.lockscope.analyzer.report.Report.LockRow;
import dev.lockscope.events.LockSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import jdk.jfr.Recording;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent names a monitor by the first application frame where a thread waited for it, by the rule the
 * analyzer's rows follow. Two unrelated Object monitors, waited for at two code sites (real jdk.JavaMonitorEnter
 * events), must each join the agent's summary of its own site, even where the addresses do not match (a moved
 * monitor) and the other monitor's summary has more wait time; and a wait for a monitor one of lockscope's threads
 * held is the agent's cost: left out of the rows, counted in the notes.
 */
class AgentMonitorJoinTest {
    private static final Object ORDERS = new Object();
    private static final Object PRICES = new Object();
    private static final Object AGENT_HELD = new Object();
    private static final String SELF = AgentMonitorJoinTest.class.getName();

    @TempDir
    static Path dir;
    static Report report;

    /** {@code rounds} waits of {@code waiter} for {@code monitor} while {@code holder} holds it 20 ms. */
    private static void contend(Object monitor, Runnable enter, String holder, int rounds) throws InterruptedException {
        for (int i = 0; i < rounds; i++) {
            CountDownLatch held = new CountDownLatch(1);
            Thread h = new Thread(() -> {
                synchronized (monitor) {
                    held.countDown();
                    pause(20);
                }
            }, holder);
            h.start();
            held.await();
            Thread w = new Thread(enter, "app-waiter");
            w.start();
            w.join();
            h.join();
        }
    }

    static void orders() {
        synchronized (ORDERS) {
            pause(0); // JOIN-ORDERS (the JDK's event names the line after the monitor enter)
        }
    }

    static void prices() {
        synchronized (PRICES) {
            pause(0); // JOIN-PRICES
        }
    }

    static void agentHeld() {
        synchronized (AGENT_HELD) {
            pause(0); // JOIN-AGENT-HELD
        }
    }

    /** The agent's summary of an Object monitor named by its waiting site; lock id 0 matches no address. */
    private static void summary(String site, long waits, long waitNanos) {
        LockSummary e = new LockSummary();
        e.lockClass = "java.lang.Object";
        e.site = site;
        e.siteKind = "monitor-first-contended";
        e.lockId = site.hashCode() & 0xffffL;
        e.source = "measured: jdk.JavaMonitorEnter/Wait stream";
        e.period = 1_000_000_000L;
        e.waits = waits;
        e.writeWaits = waits;
        e.waitTime = waitNanos;
        e.maxWait = waitNanos / waits;
        e.waitHistogram = "";
        e.topOwner = "app-holder";
        e.topOwnerShare = 1;
        e.ownerOnCpuShare = -1;
        e.futexCalls = -1;
        e.runnableThreadsPerCpu = -1;
        e.commit();
    }

    @BeforeAll
    static void record() throws Exception {
        Path file = dir.resolve("monitor-join.jfr");
        try (Recording r = new Recording()) {
            r.enable("jdk.JavaMonitorEnter").withThreshold(Duration.ofMillis(1)).withStackTrace();
            r.enable(LockSummary.class);
            r.start();
            contend(ORDERS, AgentMonitorJoinTest::orders, "app-holder", 6);
            contend(PRICES, AgentMonitorJoinTest::prices, "app-holder", 3);
            contend(AGENT_HELD, AgentMonitorJoinTest::agentHeld, "lockscope-agent", 2);
            // The other monitor's summary has more wait: a join by class alone would hand it to the busier row.
            summary(site("JOIN-ORDERS", "orders"), 6, 100_000_000L);
            summary(site("JOIN-PRICES", "prices"), 3, 900_000_000L);
            r.stop();
            r.dump(file);
        }
        report = Analysis.analyze(List.of(file), new JmcRecordingReader(), Analysis.ProgressListener.NONE);
    }

    private static String site(String marker, String method) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("src/test/java", SELF.replace('.', '/') + ".java"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("// " + marker)) {
                return SELF + "." + method + ":" + (i + 1);
            }
        }
        throw new AssertionError(marker);
    }

    private static LockRow row(String site) {
        return report.locks().stream().filter(l -> l.family().equals("monitor") && l.sites().stream().anyMatch(s -> s.name().equals(site)))
                .findFirst().orElseThrow(() -> new AssertionError("no row at " + site + " in " + report.locks()));
    }

    @Test
    void eachMonitorJoinsTheAgentSummaryOfItsOwnWaitingSite() throws Exception {
        for (String[] m : new String[][] {{"JOIN-ORDERS", "orders"}, {"JOIN-PRICES", "prices"}}) {
            String site = site(m[0], m[1]);
            LockRow r = row(site);
            assertThat(r.agent()).as(site).isNotNull();
            assertThat(r.agent().constructionSite()).isEqualTo(site);
            assertThat(r.agent().siteKind()).isEqualTo("monitor-first-contended");
            assertThat(r.agent().joinedBy()).isEqualTo("monitor class and waiting site " + site);
        }
    }

    @Test
    void aWaitForAMonitorALockscopeThreadHeldIsLeftOutAndCounted() throws Exception {
        String site = site("JOIN-AGENT-HELD", "agentHeld");
        assertThat(report.locks()).noneMatch(l -> l.sites().stream().anyMatch(s -> s.name().equals(site)));
        assertThat(report.notes()).anyMatch(n -> n.startsWith("2 waits of the program for a monitor a lockscope thread held ("));
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
