package dev.lockscope.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
        // One busy poster per core, 2 us sections: owners keep running while the other parks, so adopt the adaptive lock.
        String ledger = lockSection.substring(lockSection.indexOf("agent: site dev.lockscope.examples.OrderLedger.<init>"));
        assertThat(ledger.substring(0, ledger.indexOf("advice:") + 40)).contains("advice: adopt lockscope's adaptive lock");
        assertThat(Files.size(jfr)).isPositive();
        assertThat(Files.readString(html)).contains("class=\"flame\"");
    }

    @Test
    void compareNeedsTheAgent() {
        BadInputTest.assertOneLineFailure(CliRun.of("demo", "--compare", "--no-agent", "--seconds", "1",
                "--recording", dir.resolve("x.jfr").toString()), 1, "--compare needs the lockscope agent");
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
}
