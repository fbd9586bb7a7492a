package dev.lockscope.agent.it;

import static dev.lockscope.agent.it.ChildJvm.AGENT_JAR;
import static dev.lockscope.agent.it.ChildJvm.cmd;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The application's own Micrometer registry gets lockscope's meters; the loopback Prometheus endpoint serves them. */
class MetricsIT {
    @Test
    void metersReachTheApplicationRegistryAndPrometheusText() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String micrometer;
        try (Stream<Path> jars = Files.list(ChildJvm.APP_LIBS)) {
            micrometer = jars.filter(p -> p.getFileName().toString().matches("(micrometer|HdrHistogram).*\\.jar"))
                    .map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
        }
        ChildJvm.Result r = ChildJvm.run(cmd(ChildJvm.java17().toString(), "-javaagent:" + AGENT_JAR + "=metricsPort=" + port + ",metricsTopSites=2",
                "-cp", ChildJvm.classpath() + java.io.File.pathSeparator + micrometer,
                MetricsApp.class.getName(), Integer.toString(port)), 120);
        assertThat(r.exit).as(r.toString()).isZero();
        String site = "dev.lockscope.agent.it.MetricsApp.<clinit>:" + ChildJvm.lineOf("MetricsApp.java", "METRICS-LOCK");
        Matcher m = Pattern.compile("app-meter site=(\\S+) count=(\\d+) totalMs=(\\d+)").matcher(r.out);
        assertThat(m.find()).as(r.toString()).isTrue();
        assertThat(m.group(1)).isEqualTo(site);
        // Main tries 30 times while the hog re-takes the lock every 10 ms for 300 ms; a barged wait spans several
        // of the hog's holds, so a handful to 30 of main's acquisitions are contended.
        assertThat(Long.parseLong(m.group(2))).as(r.toString()).isBetween(3L, 30L);
        assertThat(Long.parseLong(m.group(3))).isPositive();
        // Bounded tags: at most metricsTopSites + "other".
        Matcher tags = Pattern.compile("app-meter-tags=(\\d+)").matcher(r.out);
        assertThat(tags.find()).isTrue();
        assertThat(Integer.parseInt(tags.group(1))).isBetween(2, 3);
        assertThat(r.out).contains("# TYPE lockscope_lock_wait_seconds summary")
                .contains("lockscope_lock_wait_seconds_count{site=\"" + site + "\",source=\"agent\"}")
                .contains("lockscope_lock_wait_seconds_count{site=\"other\",source=\"agent\"}")
                .contains("lockscope_lock_hold_seconds_sum{");
    }
}
