package dev.lockscope.agent.it;

import static dev.lockscope.agent.it.ChildJvm.AGENT_JAR;
import static dev.lockscope.agent.it.ChildJvm.cmd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The application's own Micrometer registry gets lockscope's meters; the loopback Prometheus endpoint serves
 * them. {@code lockscope.futex.calls} exists only while the native probe counts futex calls: with the probe off
 * it is absent and one log line says why; as root with counting windows on it counts the contended site's calls.
 */
class MetricsIT {
    private static String site() throws Exception {
        return "dev.lockscope.agent.it.MetricsApp.<clinit>:" + ChildJvm.lineOf("MetricsApp.java", "METRICS-LOCK");
    }

    private static ChildJvm.Result runApp(String agentOptions) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String micrometer;
        try (Stream<Path> jars = Files.list(ChildJvm.APP_LIBS)) {
            micrometer = jars.filter(p -> p.getFileName().toString().matches("(micrometer|HdrHistogram).*\\.jar"))
                    .map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
        }
        ChildJvm.Result r = ChildJvm.run(cmd(ChildJvm.java17().toString(),
                "-javaagent:" + AGENT_JAR + "=log=verbose,metricsPort=" + port + ",metricsTopSites=2," + agentOptions,
                "-cp", ChildJvm.classpath() + java.io.File.pathSeparator + micrometer,
                MetricsApp.class.getName(), Integer.toString(port)), 120);
        assertThat(r.exit).as(r.toString()).isZero();
        return r;
    }

    @Test
    void metersReachTheApplicationRegistryAndPrometheusText() throws Exception {
        ChildJvm.Result r = runApp("probe=off");
        String site = site();
        Matcher m = Pattern.compile("app-meter site=(\\S+) count=(\\d+) totalMs=(\\d+)").matcher(r.out);
        assertThat(m.find()).as(r.toString()).isTrue();
        assertThat(m.group(1)).isEqualTo(site);
        // Main takes the lock 30 times, each time while the hog holds it until main is queued (a hand-off per
        // round), so exactly 30 contended waits. (Before, the hog re-took the lock every 10 ms and a loaded machine
        // could let it barge back in front of main for all 300 ms: one wait.)
        assertThat(Long.parseLong(m.group(2))).as(r.toString()).isEqualTo(MetricsApp.ROUNDS);
        assertThat(Long.parseLong(m.group(3))).isPositive();
        // Bounded tags: at most metricsTopSites + "other".
        Matcher tags = Pattern.compile("app-meter-tags=(\\d+)").matcher(r.out);
        assertThat(tags.find()).isTrue();
        assertThat(Integer.parseInt(tags.group(1))).isBetween(2, 3);
        assertThat(r.out).contains("# TYPE lockscope_lock_wait_seconds summary")
                .contains("lockscope_lock_wait_seconds_count{site=\"" + site + "\",source=\"agent\"}")
                .contains("lockscope_lock_wait_seconds_count{site=\"other\",source=\"agent\"}")
                .contains("lockscope_lock_hold_seconds_sum{");
        // Probe off: no futex meter, and the log says why instead of a meter stuck at zero.
        assertThat(r.out).contains("app-futex absent (0 meters)").doesNotContain("lockscope_futex_calls");
        assertThat(r.err).contains("[lockscope] meter lockscope.futex.calls not registered: not measured: turned off by agent option probe=off");
    }

    @Test
    void futexCallsMeterCountsTheContendedSiteWhenTheProbeCountsFutexCalls() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root) {
            System.out.println("SKIPPED MetricsIT futex meter: not root, so the native probe cannot count futex calls (eBPF)");
        }
        assumeTrue(root, "not root");
        // Counting window always open: every wait of main on the hog's lock parks on a futex and is counted.
        ChildJvm.Result r = runApp("probe=on,futexDuty=1000/1000");
        String site = site();
        Matcher m = Pattern.compile("app-futex site=(\\S+) source=(\\S+) count=(\\d+)").matcher(r.out);
        assertThat(m.find()).as(r.toString()).isTrue();
        assertThat(m.group(1)).isEqualTo(site);
        assertThat(m.group(2)).isEqualTo("agent");
        // A contended wait parks (FUTEX_WAIT) and is woken (FUTEX_WAKE by the hog); waits that one window covered count.
        assertThat(Long.parseLong(m.group(3))).as(r.toString()).isPositive();
        assertThat(r.out).contains("# HELP lockscope_futex_calls")
                .containsPattern("lockscope_futex_calls_total\\{site=\"" + Pattern.quote(site) + "\",source=\"agent\"} [1-9]")
                .contains("lockscope_futex_calls_total{site=\"other\",source=\"agent\"}");
        assertThat(r.err).doesNotContain("lockscope.futex.calls not registered");
    }
}
