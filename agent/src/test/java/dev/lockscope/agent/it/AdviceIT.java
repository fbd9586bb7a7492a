package dev.lockscope.agent.it;

import static dev.lockscope.agent.it.ChildJvm.AGENT_JAR;
import static dev.lockscope.agent.it.ChildJvm.WORK;
import static dev.lockscope.agent.it.ChildJvm.cmd;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The agent advises on a planted lock by itself: dev.lockscope.LockAdvice events with verdict, confidence, reason
 * and evidence (readable with RecordingFile and {@code jfr print}), and one log line per new verdict.
 */
class AdviceIT {
    private static final Set<String> VERDICTS = Set.of("NOT_WORTH_TOUCHING", "READ_WRITE_LOCK", "FEWER_THREADS",
            "SHORTEN_CRITICAL_SECTION", "ADOPT_ADAPTIVE_LOCK", "INCONCLUSIVE");

    @Test
    void plantedLockGetsAdviceEventsAndOneLogLinePerVerdict() throws Exception {
        Files.createDirectories(WORK);
        Path rec = WORK.resolve("advice.jfr");
        Files.deleteIfExists(rec);
        ChildJvm.Result r = ChildJvm.run(cmd(ChildJvm.java17().toString(), "-javaagent:" + AGENT_JAR + "=log=verbose,record=" + rec,
                "-cp", ChildJvm.classpath(), AdviceApp.class.getName(), "6000"), 120);
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).as("the host's stdout is unchanged").isEqualTo("advice done\n");
        String site = "dev.lockscope.agent.it.AdviceApp.<clinit>:" + ChildJvm.lineOf("AdviceApp.java", "ADVICE-LOCK");

        String dump = AgentIT.dump(ChildJvm.java17(), rec);
        // advice|site|lockClass|siteKind|verdict|confidence|reason|evidence|missingEvidence|expectedEffect|waits|roundVerdict|agreeingRounds
        List<String[]> events = dump.lines().map(l -> l.split("\\|", -1)).filter(f -> f[0].equals("advice") && f[1].equals(site))
                .collect(Collectors.toList());
        assertThat(events).as("LockAdvice events for %s in:\n%s", site, dump).hasSizeGreaterThanOrEqualTo(2);
        for (String[] e : events) {
            assertThat(e[2]).startsWith("java.util.concurrent.locks.ReentrantLock");
            assertThat(e[3]).isEqualTo("constructed");
            assertThat(e[4]).isIn(VERDICTS);
            assertThat(e[5]).isIn("HIGH", "MEDIUM", "LOW");
            assertThat(e[6]).isNotBlank();
            assertThat(e[7]).contains("runnable threads per CPU").contains("(sampled: /proc/self/task/*/stat");
            // The waits are the agent's own tally, and say so: not JFR events above a threshold. The evidence is the
            // latest round's that gave the announced verdict: this round's (and its count this event's) when it did.
            assertThat(e[7]).containsPattern("^\\d+ contended acquisitions the agent saw \\(every one, however short\\)")
                    .contains("(measured: agent hooks; percentiles are ends of log2 buckets").doesNotContain("JFR");
            if (e[11].equals(e[4])) {
                assertThat(e[7]).startsWith(e[10] + " contended acquisitions");
            }
            assertThat(e[9]).isNotBlank();
            assertThat(Long.parseLong(e[10])).isGreaterThanOrEqualTo(10);
            // The announced verdict, with the advisor's verdict on the round alone beside it; when they differ the
            // announced one stands, with low confidence, until the other has held a whole window.
            assertThat(e[11]).isIn(VERDICTS);
            if (!e[11].equals(e[4])) {
                assertThat(e[5]).isEqualTo("LOW");
            }
            assertThat(Integer.parseInt(e[12])).isBetween(1, 10);
        }

        // Each summary's percentiles rise and stay at most its longest wait (and span).
        List<long[]> pctl = dump.lines().filter(l -> l.startsWith("pctl|" + site + "|"))
                .map(l -> java.util.Arrays.stream(l.split("\\|")).skip(2).mapToLong(Long::parseLong).toArray())
                .collect(Collectors.toList());
        assertThat(pctl).isNotEmpty().allSatisfy(p -> {
            assertThat(p[0]).as("waitP50 <= waitP99").isLessThanOrEqualTo(p[1]);
            assertThat(p[1]).as("waitP99 <= maxWait").isLessThanOrEqualTo(p[2]);
            assertThat(p[3]).as("holdP50 <= maxHold").isLessThanOrEqualTo(p[4]);
        });

        // One log line per new announced verdict: consecutive lines about the site never repeat a verdict, and each
        // names a verdict and confidence that an event carried.
        List<String> lines = r.err.lines().filter(l -> l.startsWith("[lockscope] advice: ") && l.contains(" at " + site + " (constructed): "))
                .collect(Collectors.toList());
        System.out.println("AdviceIT: " + events.size() + " LockAdvice events, verdicts " + events.stream().map(e -> e[4]).collect(Collectors.toList())
                + "; log lines:\n" + String.join("\n", lines));
        assertThat(lines).isNotEmpty();
        Set<String> eventVerdicts = events.stream().map(e -> e[4] + ", " + e[5].toLowerCase(java.util.Locale.ROOT)).collect(Collectors.toSet());
        String previous = null;
        for (String line : lines) {
            String verdict = line.substring(line.indexOf(" [") + 2, line.indexOf(" confidence]", line.indexOf(" [")));
            assertThat(verdict).isIn(eventVerdicts);
            assertThat(verdict.substring(0, verdict.indexOf(','))).isNotEqualTo(previous);
            previous = verdict.substring(0, verdict.indexOf(','));
        }
        assertThat(lines.size()).as("a change needs a whole window (10 rounds) against the announced verdict")
                .isLessThanOrEqualTo(1 + events.size() / 10);

        // The events read with the JDK's own tool too.
        ChildJvm.Result print = ChildJvm.run(cmd(ChildJvm.jfrTool(ChildJvm.java17()).toString(), "print", "--events",
                "dev.lockscope.LockAdvice", rec.toString()), 60);
        assertThat(print.exit).as(print.toString()).isZero();
        assertThat(print.out).contains("dev.lockscope.LockAdvice").contains("site = \"" + site + "\"").contains("verdict = \"");
    }
}
