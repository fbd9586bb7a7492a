package dev.lockscope.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo end to end, shortened: its workload's two planted hot locks must top the report. */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void withoutTheAgentTheDemoStillRunsOnJfrAlone() throws Exception {
        Path jfr = dir.resolve("plain.jfr");
        CliRun run = CliRun.of("demo", "--no-agent", "--seconds", "3", "--recording", jfr.toString(), "--html",
                dir.resolve("plain.html").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("with the lockscope agent");
        assertThat(run.out()).contains("site: dev.lockscope.examples.OrderLedger.post").doesNotContain("agent: site");
    }

    @Test
    void demoFindsTheLedgerLockAndTheCacheMonitor() throws Exception {
        Path jfr = dir.resolve("demo.jfr");
        Path html = dir.resolve("demo.html");
        CliRun run = CliRun.of("demo", "--seconds", "4", "--recording", jfr.toString(), "--html", html.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("running the workload for 4 s").contains("with the lockscope agent")
                .contains("workload throughput");
        List<String> top = run.out().lines().filter(l -> l.startsWith("L1 ") || l.startsWith("L2 ")).toList();
        assertThat(top).hasSize(2);
        String lockSection = run.out().substring(run.out().indexOf("LOCKS:"), run.out().indexOf("CONDITION WAITS"));
        assertThat(lockSection).contains("site: dev.lockscope.examples.OrderLedger.post")
                .contains("site: dev.lockscope.examples.PriceCache.price");
        assertThat(String.join("\n", top)).contains("ReentrantLock$NonfairSync").contains("PriceCache");
        // The consumer's wait for work is a condition wait, not lock contention.
        String conditions = run.out().substring(run.out().indexOf("CONDITION WAITS"));
        assertThat(conditions).contains("WorkQueue.take");
        // With the agent, the ledger lock carries what JDK events lack: its construction site and hold times.
        assertThat(lockSection).contains("agent: site dev.lockscope.examples.OrderLedger.<init>");
        assertThat(lockSection.replaceAll("\\s+", " ")).as("the text wraps lines").contains("sampled contended hold spans");
        // One busy poster per core, 2 us sections: where owners keep running while the other parks, adopt the adaptive
        // lock. On a machine whose CPUs others take (shared builds) owners are preempted instead, and the advice must
        // follow its measured owner on-CPU share: never the adaptive lock, never "not worth touching".
        String ledger = lockSection.substring(lockSection.indexOf("agent: site dev.lockscope.examples.OrderLedger.<init>"));
        String ledgerRow = ledger.substring(0, ledger.indexOf("advice:") + 40).replaceAll("\\s+", " ");
        java.util.regex.Matcher onCpu = java.util.regex.Pattern.compile("owner on CPU ([0-9.]+)% of waiting time").matcher(ledgerRow);
        assertThat(onCpu.find()).as(ledgerRow).isTrue();
        if (Double.parseDouble(onCpu.group(1)) >= 50) {
            assertThat(ledgerRow).contains("advice: adopt lockscope's adaptive lock");
        } else {
            assertThat(ledgerRow).contains("advice: ").doesNotContain("advice: adopt").doesNotContain("advice: not worth");
        }
        assertThat(Files.size(jfr)).isPositive();
        assertThat(Files.readString(html)).contains("class=\"flame\"");
    }

    @Test
    void compareNeedsTheAgent() {
        BadInputTest.assertOneLineFailure(CliRun.of("demo", "--compare", "--no-agent", "--seconds", "1",
                "--recording", dir.resolve("x.jfr").toString()), 1, "--compare needs the lockscope agent");
    }

    @Test
    void aCrashedWorkloadIsToldInOneLineWithItsErrorAndReport() {
        List<String> crash = List.of("ledger.ops 1", "#", "# A fatal error has been detected by the Java Runtime Environment:",
                "#", "#  Internal Error (generateOopMap.cpp:2165), pid=8529, tid=8565",
                "#  fatal error: Illegal class file encountered. Try running with -Xverify:all in method awaitUninterruptibly",
                "#", "# An error report file with more information is saved as:", "# /tmp/x/hs_err_pid8529.log", "#");
        assertThat(DemoCommand.failure(crash)).isEqualTo("the JVM crashed: Internal Error (generateOopMap.cpp:2165), "
                + "pid=8529, tid=8565, fatal error: Illegal class file encountered. Try running with -Xverify:all in method "
                + "awaitUninterruptibly (error report /tmp/x/hs_err_pid8529.log)");
        assertThat(DemoCommand.failure(List.of("#", "#  SIGSEGV (0xb) at pc=0x00007efecd9a19d5, pid=3058, tid=3072", "#")))
                .isEqualTo("the JVM crashed: SIGSEGV (0xb) at pc=0x00007efecd9a19d5, pid=3058, tid=3072");
        assertThat(DemoCommand.failure(List.of("starting", "DemoWorkload: unknown argument --x"))).isEqualTo("DemoWorkload: unknown argument --x");
        assertThat(DemoCommand.failure(List.of())).isEqualTo("no output");
    }

    @Test
    void adaptedRecordingIsNamedAfterTheFirst() {
        assertThat(DemoComparison.adaptedName(Path.of("out/run.jfr"))).isEqualTo(Path.of("out/run-adapted.jfr"));
        assertThat(DemoComparison.adaptedName(Path.of("run"))).isEqualTo(Path.of("run-adapted.jfr"));
    }

    @Test
    void compareSwapsTheAdvisedLedgerLockAndPrintsTheDiff() throws Exception {
        Path before = dir.resolve("cmp.jfr");
        CliRun run = CliRun.of("demo", "--compare", "--seconds", "4", "--recording", before.toString(), "--html",
                dir.resolve("cmp.html").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("run 2 of 2, adapt=auto,dev.lockscope.examples.OrderLedger.<init>:");
        assertThat(run.out()).contains("lockscope diff: BEFORE cmp.jfr").contains("AFTER cmp-adapted.jfr")
                .containsPattern("workload throughput [0-9,]+ -> [0-9,]+ ops/s")
                .contains("dev.lockscope.examples.OrderLedger.post");
        // The second recording says which site was swapped, and its lock is the adaptive one.
        CliRun after = CliRun.of("analyze", dir.resolve("cmp-adapted.jfr").toString());
        assertThat(after.out().replaceAll("\\s+", " ")).contains("agent option adapt= made new ReentrantLock(...) build "
                + "dev.lockscope.locks.AdaptiveReentrantLock at: dev.lockscope.examples.OrderLedger.<init>:");
        // ... and its waits are joined with the agent's facts about that lock, as before the swap.
        assertThat(run.out()).containsPattern("futex/wait [0-9.]+ -> [0-9.]+");
        assertThat(Files.readString(dir.resolve("cmp.html"))).contains("lockscope diff");
    }

    /**
     * The reported case: on a machine whose CPUs other work keeps busy (here one spinning thread per CPU in this JVM),
     * the demo's hot lock must still be clearly worth touching (its share is of active thread-time: CPU time plus lock
     * waits, 18-23% measured with and without such a hog), and --compare must print its diff, never an older file's.
     */
    @Test
    void onABusyMachineTheHotLockIsStillWorthTouchingAndCompareAlwaysPrintsItsDiff() throws Exception {
        Path html = dir.resolve("busy.html");
        Files.writeString(html, "STALE: an older run's diff");
        Files.setLastModifiedTime(html, FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS)));
        CliRun run;
        CpuHog hog = CpuHog.start(Runtime.getRuntime().availableProcessors());
        try (hog) {
            run = CliRun.of("demo", "--compare", "--seconds", "4", "--recording", dir.resolve("busy.jfr").toString(),
                    "--html", html.toString());
        }
        System.out.printf("DemoCommandTest: %d spinning threads got %.0f%% of their wall time on a CPU; stderr:%n%s%n",
                Runtime.getRuntime().availableProcessors(), 100 * hog.busyShare(), run.err());
        // The premise: the spinners ran. On a machine others share they get what the scheduler leaves them (14% of
        // their wall time seen at a load average of 5 on 2 CPUs), but never nothing.
        assertThat(hog.busyShare()).as("the spinners' share of their wall time on a CPU").isGreaterThan(0.05);
        assertThat(run.exitCode()).as(run.err()).isZero();
        String advised = run.err().lines()
                .filter(l -> l.startsWith("lockscope demo --compare: run 1 advised for the lock built at "
                        + "dev.lockscope.examples.OrderLedger.<init>:"))
                .findFirst().orElseThrow(() -> new AssertionError("no advice line for the ledger lock in:\n" + run.err()));
        assertThat(advised).doesNotContain("NOT_WORTH_TOUCHING");
        // Clearly worth touching: at least 5 times the 1% line, not a figure on either side of it.
        double share = Double.parseDouble(advised.replaceAll(".*\\(([0-9.]+)% of active thread-time\\).*", "$1"));
        assertThat(share).as(advised).isGreaterThanOrEqualTo(5.0);
        assertThat(run.err()).contains("run 2 of 2, adapt=auto,dev.lockscope.examples.OrderLedger.<init>:");
        assertThat(run.out()).contains("lockscope diff: BEFORE busy.jfr").contains("AFTER busy-adapted.jfr")
                .containsPattern("workload throughput [0-9,]+ -> [0-9,]+ ops/s")
                .contains("dev.lockscope.examples.OrderLedger.post");
        assertThat(run.err()).contains("HTML diff " + html);
        assertThat(Files.readString(html)).contains("lockscope diff").doesNotContain("STALE");
    }
}
