package dev.lockscope.agent.it;

import static dev.lockscope.agent.it.ChildJvm.AGENT_JAR;
import static dev.lockscope.agent.it.ChildJvm.WORK;
import static dev.lockscope.agent.it.ChildJvm.cmd;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent's own activity is never the application's contention, and monitors are named by their code sites.
 * {@link AgentActivityApp} contends one ReentrantLock and two unrelated Object monitors, while the agent, registering
 * its meters in the application's registry, waits for that registry's exporter threads and makes them wait for it.
 * The application's three locks must be found (the two monitors as two summaries and two meter series, each at its
 * own code site; the LockWait stacks starting at the application's acquire); the registry's lock and monitor, the
 * JFR metadata lock and every wait of or for the agent's threads must not appear anywhere, and must be counted as
 * left out (AgentStatus, the lockscope.agent.wait meter). Runs on JDK 17 and on JDK 25 when installed.
 */
class AgentActivityIT {
    static Stream<String> jdks() {
        return AgentIT.jdks();
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void theAgentsOwnActivityIsLeftOutAndMonitorsGetCodeSites(String jdk) throws Exception {
        Path java = AgentIT.java(jdk);
        Path rec = WORK.resolve("activity-" + jdk + ".jfr");
        Files.deleteIfExists(rec);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String micrometer;
        try (Stream<Path> jars = Files.list(ChildJvm.APP_LIBS)) {
            micrometer = jars.filter(p -> p.getFileName().toString().matches("(micrometer|HdrHistogram).*\\.jar"))
                    .map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        }
        ChildJvm.Result r = ChildJvm.run(cmd(java.toString(), "-javaagent:" + AGENT_JAR + "=record=" + rec + ",metricsPort=" + port,
                "-cp", ChildJvm.classpath() + File.pathSeparator + micrometer,
                AgentActivityApp.class.getName(), Integer.toString(port)), 180);
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).as(r.toString()).endsWith("activity done\n");
        assertThat(r.err).doesNotContain("Exception").doesNotContain("WARNING");

        String app = "dev.lockscope.agent.it.AgentActivityApp";
        String appLock = app + ".<clinit>:" + line("ACTIVITY-APP-LOCK");
        String registryLock = app + ".<clinit>:" + line("ACTIVITY-REGISTRY-LOCK");
        String orders = app + ".order:" + line("ACTIVITY-ORDERS");
        String prices = app + ".price:" + line("ACTIVITY-PRICES");
        String dump = AgentIT.dump(java, rec);
        List<String> summaries = dump.lines().filter(l -> l.startsWith("summary|")).collect(Collectors.toList());

        // The application's contention, found.
        String[] lock = ChildJvm.summary(dump, appLock, "java.util.concurrent.locks.ReentrantLock");
        assertThat(Long.parseLong(lock[4])).as("app lock waits").isPositive();
        assertThat(lock[11]).startsWith("activity-app-");
        for (String site : List.of(orders, prices)) {
            String[] mon = ChildJvm.summary(dump, site, "java.lang.Object");
            assertThat(mon[3]).as(site).isEqualTo("monitor-first-contended");
            assertThat(Long.parseLong(mon[4])).as("waits at " + site).isPositive();
        }
        assertThat(summaries).as("the two Object monitors are not one row named by their class")
                .noneMatch(l -> l.startsWith("summary|java.lang.Object|"));

        // LockWait stacks start at the application's acquire, not in the agent's hook or the lock's code.
        List<String> appStacks = dump.lines().filter(l -> l.startsWith("waitstack|" + appLock + "|")).collect(Collectors.toList());
        assertThat(appStacks).as("LockWait events of the app lock").isNotEmpty();
        String acquire = app + ".appWork:" + line("ACTIVITY-APP-ACQUIRE");
        assertThat(appStacks).as("top frames").allMatch(l -> l.endsWith("|" + acquire));
        assertThat(dump).contains("|trimmed: stacks start at the first frame outside the lock's code and the agent");

        // Nothing of the agent's own activity: no row, event or owner of its threads, of the registry's lock and
        // monitor (only the agent contends them with the exporters), or of JFR's metadata lock.
        String registerMonitor = app + "$LockingRegistry.newFunctionTimer:" + line("ACTIVITY-REGISTER-MONITOR");
        String exportMonitor = app + ".exportUnderMonitor:" + line("ACTIVITY-EXPORT-MONITOR");
        assertThat(summaries).as(dump).noneMatch(l -> l.startsWith("summary|" + registryLock + "|")
                || l.startsWith("summary|" + registerMonitor + "|") || l.startsWith("summary|" + exportMonitor + "|")
                || l.contains("jdk.jfr.internal") || l.endsWith("|lockscope-agent") || l.matches(".*\\|lockscope-[^|]*$"));
        assertThat(dump.lines().filter(l -> l.startsWith("waitstack|")))
                .noneMatch(l -> l.startsWith("waitstack|" + registryLock + "|") || l.contains("|lockscope-"));

        // ... but counted: the agent waited for the exporters, and they waited for the agent.
        String[] status = dump.lines().filter(l -> l.startsWith("agent|")).reduce((a, b) -> b).orElseThrow().split("\\|");
        assertThat(Long.parseLong(status[6])).as("own waits left out").isPositive();
        assertThat(Long.parseLong(status[7])).as("waits of the exporters for the agent's thread").isPositive();
        // Each registration holds the registry's lock 40 ms; an exporter wants it every few ms.
        assertThat(Long.parseLong(status[8])).as("their time, ns").isGreaterThan(10_000_000L);
        assertThat(status[3]).as("hook errors").isEqualTo("0");

        // Meters: the two monitors are two series at their code sites; the agent's cost is a meter of its own.
        assertThat(r.out).contains("app-meter site=" + orders + " count=").contains("app-meter site=" + prices + " count=")
                .contains("app-meter site=" + appLock + " count=")
                .doesNotContain("site=java.lang.Object ").doesNotContain("site=" + registryLock + " ")
                .doesNotContain("jdk.jfr.internal");
        assertThat(r.out).contains("lockscope_lock_wait_seconds_count{site=\"" + orders + "\",source=\"agent\"}")
                .contains("lockscope_lock_wait_seconds_count{site=\"" + prices + "\",source=\"agent\"}")
                .doesNotContain("site=\"jdk.jfr.internal").doesNotContain("site=\"" + registryLock + "\"");
        Matcher cost = Pattern.compile("agent-cost count=(\\d+) totalMs=(\\d+)").matcher(r.out);
        assertThat(cost.find()).as(r.out).isTrue();
        assertThat(Long.parseLong(cost.group(1))).as("lockscope.agent.wait in the application's registry").isPositive();
        assertThat(r.out).containsPattern("lockscope_agent_wait_seconds_count\\{source=\"agent\"} [1-9]");
    }

    private static int line(String marker) throws Exception {
        return ChildJvm.lineOf("AgentActivityApp.java", marker);
    }
}
