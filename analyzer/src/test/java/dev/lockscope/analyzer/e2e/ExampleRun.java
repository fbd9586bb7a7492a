package dev.lockscope.analyzer.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
        Path log = Files.createTempFile(jfr.getParent(), "child", ".log");
        List<String> cmd = new ArrayList<>(List.of(java.toString(),
                // JNA (the probe) needs native access on JDK 24+ and the agent joins the probe only with it.
                "--enable-native-access=ALL-UNNAMED",
                "-javaagent:" + agentJar() + "=record=" + jfr + ",futexDuty=1000/1000,probe=on",
                "-cp", examplesClassPath(example).toString(), example.getName(),
                "--seconds", String.valueOf(seconds)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor((long) seconds + 60, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String out = Files.readString(log);
        assertThat(done).as("child finished: " + out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(jfr).as(out).isRegularFile();
        return out;
    }
}
