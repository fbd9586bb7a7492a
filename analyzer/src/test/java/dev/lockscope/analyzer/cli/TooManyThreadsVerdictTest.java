package dev.lockscope.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.advisor.Verdict;
import dev.lockscope.analyzer.Analysis;
import dev.lockscope.analyzer.read.JmcRecordingReader;
import dev.lockscope.analyzer.report.Report;
import dev.lockscope.analyzer.report.Report.LockRow;
import dev.lockscope.examples.TooManyThreads;
import dev.lockscope.testsupport.JavaCommand;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/TooManyThreads (64 CPU-bound threads on a monitor) under the agent: the agent samples runnable threads
 * per CPU into its LockSummary events, and the analyzer's advice for the monitor is "fewer threads", quoting it.
 */
class TooManyThreadsVerdictTest {
    @TempDir
    Path dir;

    @Test
    void oversubscribedMonitorGetsFewerThreads() throws Exception {
        Path agent = AgentJar.findBuilt();
        assertThat(agent).as("agent jar (built by the reactor before the analyzer's tests)").isNotNull();
        Path jfr = dir.resolve("too-many-threads.jfr");
        // Only the examples on the child's class path: the agent's own classes there would shadow the agent jar.
        Path examples = Path.of(TooManyThreads.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String log = JavaCommand.of(TooManyThreads.class).jvm("-javaagent:" + agent + "=log=verbose,record=" + jfr)
                .classPath(examples.toString()).args("--seconds", "4").process().in(dir).mergeErrors().run(120).ok().out();

        assertThat(jfr).as(log).exists();
        Report report = Analysis.analyze(List.of(jfr), new JmcRecordingReader(), Analysis.ProgressListener.NONE);
        LockRow monitor = report.locks().stream()
                .filter(l -> l.sites().stream().anyMatch(s -> s.name().startsWith("dev.lockscope.examples.TooManyThreads.add")))
                .findFirst().orElseThrow(() -> new AssertionError("no TooManyThreads row in " + report.locks()));
        System.out.println("TooManyThreadsVerdictTest: " + monitor.advice());
        assertThat(monitor.agent()).as("joined with the agent's summaries").isNotNull();
        assertThat(monitor.agent().runnableThreadsPerCpu()).as("64 CPU-bound threads on this machine's CPUs").isGreaterThan(1.5);
        assertThat(monitor.advice().verdict()).isEqualTo(Verdict.FEWER_THREADS);
        assertThat(monitor.advice().evidence()).anyMatch(e -> e.startsWith("runnable threads per CPU ") && e.contains("(sampled: /proc/self/task/*/stat"));
        // The agent advised the same by itself, in its log.
        // The agent names the monitor where its threads waited, as the analyzer's row does.
        assertThat(log).containsPattern("\\[lockscope] advice: java\\.lang\\.Object at "
                + "dev\\.lockscope\\.examples\\.TooManyThreads\\.add:\\d+ \\(monitor-first-contended\\): run fewer threads than now");
        assertThat(monitor.agent().siteKind()).isEqualTo("monitor-first-contended");
        assertThat(monitor.agent().joinedBy()).isEqualTo("monitor class and address");
    }
}
