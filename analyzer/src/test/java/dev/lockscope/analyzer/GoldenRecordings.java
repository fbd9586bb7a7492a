package dev.lockscope.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.testsupport.ChildProcess;
import dev.lockscope.testsupport.JavaCommand;
import dev.lockscope.testsupport.Jdks;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Makes the recordings {@link GoldenReportTest} reads, by hand only (they are committed; the test never makes them):
 * {@link PlantedRecording}'s known contention (a monitor, a ReentrantLock, a condition; owners sleeping while they
 * hold) recorded the ways users record it. Run
 * {@code mvn -o -q -B -pl analyzer -am test -Dtest=GoldenRecordings -Dsurefire.failIfNoSpecifiedTests=false
 * -Dgolden.record=true} with the agent jar built ({@code mvn -o -q -B -pl agent -am package -DskipTests}) and JDK 25
 * installed, then rewrite the goldens ({@code -Dgolden.update=true}, see {@link GoldenReportTest}).
 *
 * <p>Each child runs in a scratch directory with relative paths only (its classes, settings, agent and output copied
 * there), so the JVM's arguments in a recording name no place on the machine that made it; and the events that
 * describe that machine rather than the program (its processes, environment variables, system properties and
 * native libraries, which the JDK's default settings record) are scrubbed from it with JDK 25's {@code jfr scrub}
 * before it is kept.
 */
@EnabledIfSystemProperty(named = "golden.record", matches = "true")
class GoldenRecordings {
    private static final String OUT = "out.jfr";
    /** What the machine that made a recording had, not what the program did: never committed. */
    static final List<String> MACHINE_EVENTS = List.of("jdk.SystemProcess", "jdk.InitialEnvironmentVariable",
            "jdk.InitialSystemProperty", "jdk.NativeLibrary");
    @TempDir
    Path work;

    /** PlantedRecording's classes (it needs nothing but the JDK) into {@code work/classes}. */
    @BeforeEach
    void copyTheProgram() throws Exception {
        Path classes = Path.of(PlantedRecording.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dir = PlantedRecording.class.getPackageName().replace('.', '/').transform(classes::resolve);
        Path to = Files.createDirectories(work.resolve("classes").resolve(classes.relativize(dir).toString()));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("PlantedRecording")).toList()) {
                Files.copy(f, to.resolve(f.getFileName().toString()));
            }
        }
    }

    @Test
    void jdk17WithDefaultSettings() throws Exception {
        record(Jdks.current(), "jdk17-default.jfr", "-XX:StartFlightRecording:settings=default,filename=" + OUT);
    }

    @Test
    void jdk17UnderTheAgent() throws Exception {
        Path agent = Path.of(System.getProperty("lockscope.home", ".."), "agent", "target", "lockscope-agent.jar");
        assertThat(agent).as("agent jar (mvn -o -q -B -pl agent -am package -DskipTests)").isRegularFile();
        Files.copy(agent, work.resolve("lockscope-agent.jar"));
        record(Jdks.current(), "jdk17-agent.jfr", "-javaagent:lockscope-agent.jar=record=" + OUT);
    }

    @Test
    void jdk25WithLockscopeSettings() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/dev/lockscope/events/lockscope.jfc")) {
            Files.copy(in, work.resolve("lockscope.jfc"));
        }
        record(Jdks.require(25, Jdks.find(25)), "jdk25-lockscope.jfr",
                "-XX:StartFlightRecording:settings=lockscope.jfc,filename=" + OUT);
    }

    @Test
    void jdk17UnderAsyncProfiler() throws Exception {
        assertThat(AsyncProfilerRun.unavailableBecause()).as("async-profiler runs here").isNull();
        AsyncProfilerRun.library(work);
        record(Jdks.current(), "jdk17-async-profiler.jfr",
                "-agentpath:./libasyncProfiler.so=start,event=lock,lock=10us,jfr,file=" + OUT);
    }

    private void record(Path java, String fixture, String... jvmOptions) throws Exception {
        JavaCommand.of(java, PlantedRecording.class).jvm(List.of(jvmOptions)).classPath("classes").process().in(work)
                .mergeErrors().run(120).ok();
        Path jfr = Jdks.jfrTool(Jdks.require(25, Jdks.find(25)));
        ChildProcess.of(jfr.toString(), "scrub", "--exclude-events", String.join(",", MACHINE_EVENTS), OUT, "kept.jfr")
                .in(work).mergeErrors().run(60).ok();
        String summary = ChildProcess.of(jfr.toString(), "summary", "kept.jfr").in(work).run(60).ok().out();
        for (String type : MACHINE_EVENTS) {
            assertThat(summary).as("scrubbed").doesNotContainPattern("(?m)^ " + type.replace(".", "\\.") + " +[1-9]");
        }
        Path file = GoldenReportTest.DIR.resolve(fixture);
        Files.createDirectories(file.getParent());
        Files.copy(work.resolve("kept.jfr"), file, StandardCopyOption.REPLACE_EXISTING);
    }
}
