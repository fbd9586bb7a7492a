package dev.lockscope.analyzer.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.testsupport.ChildProcess;
import dev.lockscope.testsupport.JavaCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Runs one of the examples in a child JVM under the packaged agent, recording to a file. */
final class ExampleRun {
    private ExampleRun() {
    }

    /** The agent jar the reactor built (the agent module is built before the analyzer's tests run). */
    static Path agentJar() {
        Path jar = Path.of(System.getProperty("lockscope.home", ".."), "agent", "target", "lockscope-agent.jar");
        assertThat(jar).as("agent jar (build the reactor: mvn -B -ntp verify)").isRegularFile();
        return jar;
    }

    static Path examplesClassPath(Class<?> example) {
        try {
            return Path.of(example.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code example} for {@code seconds} with the agent recording to {@code jfr}, the native probe on
     * and futex counting always on; fails the test unless the child exits 0. Returns the child's output.
     */
    static String run(Path java, Class<?> example, double seconds, Path jfr) throws IOException, InterruptedException {
        List<String> cmd = JavaCommand.of(java, example)
                // JNA (the probe) needs native access on JDK 24+ and the agent joins the probe only with it.
                .jvm("--enable-native-access=ALL-UNNAMED",
                        "-javaagent:" + agentJar() + "=record=" + jfr + ",futexDuty=1000/1000,probe=on")
                .classPath(examplesClassPath(example).toString()).args("--seconds", String.valueOf(seconds)).toList();
        String out = ChildProcess.of(cmd).in(jfr.getParent()).mergeErrors().run((long) seconds + 60).ok().out();
        assertThat(jfr).as(out).isRegularFile();
        return out;
    }
}
