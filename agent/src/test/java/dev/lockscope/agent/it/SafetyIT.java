package dev.lockscope.agent.it;

import static dev.lockscope.agent.it.ChildJvm.AGENT_JAR;
import static dev.lockscope.agent.it.ChildJvm.WORK;
import static dev.lockscope.agent.it.ChildJvm.cmd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.testsupport.Unprivileged;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Isolation from the application's own libraries, bounded memory, run-time off switch, non-root users, bad options. */
class SafetyIT {

    @Test
    void applicationKeepsItsOwnByteBuddyAndJna() throws Exception {
        Path rec = WORK.resolve("ownlibs.jfr");
        Files.deleteIfExists(rec);
        String cp = ChildJvm.classpath(ChildJvm.APP_LIBS.resolve("byte-buddy-1.14.18.jar"), ChildJvm.APP_LIBS.resolve("jna-5.13.0.jar"));
        ChildJvm.Result r = ChildJvm.run(cmd(ChildJvm.java17().toString(), "-javaagent:" + AGENT_JAR + "=record=" + rec,
                "-cp", cp, OwnLibsApp.class.getName()), 120);
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).contains("made by the app's Byte Buddy")
                .contains("bytebuddy-jar=byte-buddy-1.14.18.jar")
                .contains("jna-jar=jna-5.13.0.jar")
                .contains("pid-ok=true");
        String dump = AgentIT.dump(ChildJvm.java17(), rec);
        String site = "dev.lockscope.agent.it.OwnLibsApp.<clinit>:" + ChildJvm.lineOf("OwnLibsApp.java", "OWNLIBS-LOCK");
        assertThat(Long.parseLong(ChildJvm.summary(dump, site, "java.util.concurrent.locks.ReentrantLock")[4])).isPositive();
    }

    @Test
    void millionDistinctContendedLocksStayUnder64MbAndEvictionsAreCounted() throws Exception {
        int n = Integer.getInteger("lockscope.it.locks", 1_000_000);
        List<String> base = cmd(ChildJvm.java17().toString(), "-Xmx512m", "-XX:+UseSerialGC", "-cp", ChildJvm.classpath(), MillionLocksApp.class.getName(), Integer.toString(n));
        ChildJvm.Result plain = ChildJvm.run(base, 300);
        List<String> agent = cmd(ChildJvm.java17().toString(), "-Xmx512m", "-XX:+UseSerialGC", "-javaagent:" + AGENT_JAR + "=monitors=false",
                "-cp", ChildJvm.classpath(), MillionLocksApp.class.getName(), Integer.toString(n), "agent");
        ChildJvm.Result withAgent = ChildJvm.run(agent, 300);
        assertThat(plain.exit).as(plain.toString()).isZero();
        assertThat(withAgent.exit).as(withAgent.toString()).isZero();
        long retained = heap(withAgent.out) - heap(plain.out);
        System.out.println("agent retained heap after " + n + " contended locks: " + retained / 1024 + " KiB; " + withAgent.out.trim());
        assertThat(retained).as("agent's retained heap").isLessThan(64L << 20);
        Matcher m = Pattern.compile("evictions=(\\d+) tracked=(\\d+) errors=(\\d+)").matcher(withAgent.out);
        assertThat(m.find()).as(withAgent.toString()).isTrue();
        assertThat(Long.parseLong(m.group(1))).as("evictions").isGreaterThan(n / 2L);
        assertThat(Long.parseLong(m.group(2))).as("tracked stays bounded").isLessThanOrEqualTo(4096 + 16);
        assertThat(Long.parseLong(m.group(3))).as("hook errors").isZero();
        assertThat(withAgent.out).contains("off-evictions-unchanged=true enabled=false");
    }

    @Test
    void runsForAnUnprivilegedUser() throws Exception {
        ChildJvm.NobodyRun run = ChildJvm.runAsNobody("", PlantedApp.class, "2500");
        ChildJvm.Result r = run.result();
        Path rec = run.recording();
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).isEqualTo("planted done\n");
        String dump = AgentIT.dump(ChildJvm.java17(), rec);
        String hotSite = "dev.lockscope.agent.it.PlantedApp.<clinit>:" + ChildJvm.lineOf("PlantedApp.java", "PLANTED-HOT");
        assertThat(Long.parseLong(ChildJvm.summary(dump, hotSite, "java.util.concurrent.locks.ReentrantLock")[4])).isPositive();
    }

    @Test
    void stressOfEveryHookedPathLosesNoWakeupAndNoUpdate() throws Exception {
        long n = (long) StressApp.THREADS * StressApp.ITERATIONS;
        ChildJvm.Result r = ChildJvm.run(cmd(ChildJvm.java17().toString(), "-javaagent:" + AGENT_JAR,
                "-cp", ChildJvm.classpath(), StressApp.class.getName()), 120);
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out.trim()).isEqualTo("lock=" + n + " write=" + (n / 4) + " stamped=" + n + " consumed=" + (n / 2));
    }

    @Test
    void badOptionIsOneLineAndTheHostCarriesOn() throws Exception {
        ChildJvm.Result r = ChildJvm.run(cmd(ChildJvm.java17().toString(), "-javaagent:" + AGENT_JAR + "=maxLocks=lots",
                "-cp", ChildJvm.classpath(), PlantedApp.class.getName(), "0"), 120);
        assertThat(r.exit).isZero();
        assertThat(r.out).isEqualTo("planted done\n");
        assertThat(r.err.trim()).isEqualTo("[lockscope] agent not started: java.lang.IllegalArgumentException: agent option maxLocks must be a non-negative integer, not 'lots'");
    }

    /** A runtime trimmed without JFR (a jlink image, --limit-modules): one line naming the modules, the host untouched. */
    @Test
    void aRuntimeWithoutJfrGetsOneLineNamingTheModulesAndTheHostCarriesOn() throws Exception {
        ChildJvm.Result r = ChildJvm.run(cmd(ChildJvm.java17().toString(), "--limit-modules", "java.base,java.instrument",
                "-javaagent:" + AGENT_JAR, "-cp", ChildJvm.classpath(), PlantedApp.class.getName(), "0"), 120);
        assertThat(r.exit).isZero();
        assertThat(r.out).isEqualTo("planted done\n");
        assertThat(r.err.trim()).isEqualTo("[lockscope] agent not started: this Java runtime lacks the modules jdk.jfr, "
                + "java.management, jdk.management the agent needs (left out by jlink or --limit-modules; add them with "
                + "--add-modules or to the image)");
    }

    /**
     * A program that ends while the agent starts its background parts: they would fail one by one during the shutdown
     * ("Shutdown in progress"); the start is skipped instead, silently unless log=verbose, and nothing fails.
     */
    @Test
    void aProgramEndingWhileTheAgentStartsGetsNoFailureLine() throws Exception {
        for (String options : List.of("backgroundStart=now", "backgroundStart=now,log=verbose")) {
            ChildJvm.Result r = ChildJvm.run(cmd(ChildJvm.java17().toString(), "-javaagent:" + AGENT_JAR + "=" + options,
                    "-cp", ChildJvm.classpath(), SlowShutdownApp.class.getName(), "2000"), 120);
            assertThat(r.exit).as(r.toString()).isZero();
            assertThat(r.out).isEqualTo("ended\n");
            if (options.contains("verbose")) {
                assertThat(r.err.trim()).as(options).isEqualTo("[lockscope] background start skipped: the JVM is shutting down");
            } else {
                assertThat(r.err).as(options).isEmpty();
            }
        }
    }

    /** Attaching as another user than the target's: one line saying so at once, and the target runs on untouched. */
    @Test
    void attachWithoutPermissionIsOneLineAndTheTargetRunsOn() throws Exception {
        Unprivileged.assumePossible();
        Path dir = Unprivileged.sharedDirectory("lockscope-nobody");
        Path jar = Unprivileged.readableCopy(AGENT_JAR, dir.resolve("lockscope-agent.jar"));
        Files.createDirectories(WORK);
        Path out = WORK.resolve("denied.out");
        Process app = new ProcessBuilder(ChildJvm.java17().toString(), "-cp", ChildJvm.classpath(), LoopingApp.class.getName(), "4")
                .redirectOutput(out.toFile()).redirectError(WORK.resolve("denied.err").toFile()).start();
        try {
            for (int i = 0; i < 100 && !Files.readString(out).contains("looping ready"); i++) {
                Thread.sleep(100);
            }
            ChildJvm.Result r = ChildJvm.run(Unprivileged.asNobody(cmd(ChildJvm.java17().toString(), "-jar", jar.toString(),
                    Long.toString(app.pid()), "record=" + dir.resolve("denied.jfr"))), 60);
            assertThat(r.exit).isEqualTo(1);
            assertThat(r.err.trim()).as(r.toString()).startsWith("lockscope attach: ")
                    .endsWith("attach must run as the target's user").doesNotContain("\n");
            assertThat(app.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(app.exitValue()).isZero();
            assertThat(Files.readString(WORK.resolve("denied.err"))).doesNotContain("lockscope");
        } finally {
            app.destroyForcibly();
        }
    }

    @Test
    void attachToMissingPidFailsWithOneLine() throws Exception {
        ChildJvm.Result r = ChildJvm.run(cmd(ChildJvm.java17().toString(), "-jar", AGENT_JAR.toString(), "999999999"), 60);
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.err.trim().lines().count()).isEqualTo(1);
        // Known at once from /proc, without the Attach API's wait.
        assertThat(r.err).startsWith("lockscope attach: no process 999999999");
        ChildJvm.Result usage = ChildJvm.run(cmd(ChildJvm.java17().toString(), "-jar", AGENT_JAR.toString(), "notapid"), 60);
        assertThat(usage.exit).isEqualTo(2);
    }

    private static long heap(String out) {
        Matcher m = Pattern.compile("heap-used=(\\d+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Long.parseLong(m.group(1));
    }
}
