package dev.lockscope.agent.it;

import static dev.lockscope.agent.it.ChildJvm.AGENT_JAR;
import static dev.lockscope.agent.it.ChildJvm.WORK;
import static dev.lockscope.agent.it.ChildJvm.cmd;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Agent option adapt=: named construction sites build AdaptiveReentrantLock, every other site is untouched. */
class AdaptIT {
    static final String APP = AdaptApp.class.getName();

    static Stream<String> jdks() {
        Optional<Path> j25 = ChildJvm.java25();
        if (j25.isEmpty()) {
            System.out.println("SKIPPED JDK 25 runs: no JDK 25 under /usr/lib/jvm");
        }
        return j25.isPresent() ? Stream.of("17", "25") : Stream.of("17");
    }

    static String site(String method, String marker) throws Exception {
        return APP + "." + method + ":" + ChildJvm.lineOf("AdaptApp.java", marker);
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void namedSitesAreSwappedAndWork(String jdk) throws Exception {
        Path java = jdk.equals("25") ? ChildJvm.java25().orElseThrow() : ChildJvm.java17();
        Path rec = WORK.resolve("adapt-" + jdk + ".jfr");
        Files.deleteIfExists(rec);
        String swapped = site("<init>", "ADAPT-SWAPPED");
        String fair = site("fair", "ADAPT-FAIR");
        ChildJvm.Result r = ChildJvm.run(cmd(java.toString(), "-javaagent:" + AGENT_JAR + "=log=verbose,record=" + rec + ",adapt=" + swapped + "," + fair,
                "-cp", ChildJvm.classpath(), APP), 120);
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).contains("swapped dev.lockscope.locks.AdaptiveReentrantLock fair=false policy ")
                .contains("kept java.util.concurrent.locks.ReentrantLock fair=false")
                .contains("fair dev.lockscope.locks.AdaptiveReentrantLock fair=true")
                .contains("counter 800000 of 800000")
                .contains("signalled true");
        assertThat(r.err).doesNotContain("Exception").doesNotContain("WARNING: Sharing").doesNotContain("sun.misc.Unsafe").contains("[lockscope] adapt: new ReentrantLock(...) becomes AdaptiveReentrantLock at " + swapped);
        // The policy says where its facts come from: the agent's eBPF oracle as root on JDK 17; otherwise why not.
        String policy = r.out.lines().filter(l -> l.startsWith("swapped ")).findFirst().orElseThrow();
        if (jdk.equals("17") && "root".equals(System.getProperty("user.name"))) {
            assertThat(policy).contains("ON_CPU_ORACLE").contains("handed over by the lockscope agent");
        } else {
            assertThat(policy).contains("PORTABLE").contains("the lockscope agent has no on-CPU source");
        }
        ChildJvm.Result print = ChildJvm.run(cmd(ChildJvm.jfrTool(java).toString(), "print", "--events", "dev.lockscope.AgentStatus", rec.toString()), 60);
        assertThat(print.out).contains("adaptedSites = \"" + swapped + ";" + fair + "\"");
        ChildJvm.Result summaries = ChildJvm.run(cmd(ChildJvm.jfrTool(java).toString(), "print", "--events", "dev.lockscope.LockSummary", rec.toString()), 60);
        assertThat(summaries.out).as("the swapped lock is tracked as what it now is").contains("dev.lockscope.locks.AdaptiveReentrantLock");
    }

    /**
     * adapt=auto: once the agent's own advice tells a site to adopt the adaptive lock, locks built there from then on
     * are AdaptiveReentrantLock, with no site named in advance (JDK 17; the swap itself is tested on both JDKs above).
     * The app runs up to 30 s: on a busy machine the first verdict, two rounds in, can be another one (owners
     * preempted while the JIT warms up), and an announced verdict changes only after a whole window (10 s) without it.
     */
    @Test
    void autoSwapsASiteOnceTheAgentAdvisesItToAdopt() throws Exception {
        String app = AutoAdaptApp.class.getName();
        String site = app + ".newLock:" + ChildJvm.lineOf("AutoAdaptApp.java", "AUTO-SITE");
        ChildJvm.Result r = ChildJvm.run(cmd(ChildJvm.java17().toString(), "-javaagent:" + AGENT_JAR + "=log=verbose,adapt=auto",
                "-cp", ChildJvm.classpath(), app, "30000"), 120);
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).as(r.toString()).contains("first java.util.concurrent.locks.ReentrantLock")
                .contains("last dev.lockscope.locks.AdaptiveReentrantLock").doesNotContain("adapted after ms -1");
        assertThat(r.err).contains("[lockscope] adapt=auto: " + site + " advised to adopt the adaptive lock")
                .doesNotContain("Exception");
    }

    @Test
    void withoutTheOptionNothingIsSwapped() throws Exception {
        ChildJvm.Result r = ChildJvm.run(cmd(ChildJvm.java17().toString(), "-javaagent:" + AGENT_JAR, "-cp", ChildJvm.classpath(), APP), 120);
        assertThat(r.exit).isZero();
        assertThat(r.out).doesNotContain("AdaptiveReentrantLock").contains("counter 800000 of 800000");
    }

    @Test
    void aMalformedSiteIsOneLineAndTheHostRunsOn() throws Exception {
        ChildJvm.Result r = ChildJvm.run(cmd(ChildJvm.java17().toString(), "-javaagent:" + AGENT_JAR + "=adapt=" + APP + ".<init>:x",
                "-cp", ChildJvm.classpath(), APP), 120);
        assertThat(r.exit).isZero();
        assertThat(r.out).contains("kept java.util.concurrent.locks.ReentrantLock").doesNotContain("AdaptiveReentrantLock");
        assertThat(r.err.strip()).isEqualTo("[lockscope] agent not started: java.lang.IllegalArgumentException: adapt site '"
                + APP + ".<init>:x' must end in :LINE (a number)");
    }
}
