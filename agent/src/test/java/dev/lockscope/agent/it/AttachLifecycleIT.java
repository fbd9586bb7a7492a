package dev.lockscope.agent.it;

import static dev.lockscope.agent.it.ChildJvm.AGENT_JAR;
import static dev.lockscope.agent.it.ChildJvm.WORK;
import static dev.lockscope.agent.it.ChildJvm.cmd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Attach, as a user runs it against a live service: when the attached recording ends the agent stops and leaves
 * nothing running in the target (no lockscope thread, no JFR recording or stream, hooks off), the target's stderr
 * gets one line at start and one at stop, a second attach starts it again, and {@code stop} stops a running agent
 * (writing its recording).
 */
class AttachLifecycleIT {
    /** Longest a stop may take to leave the target (threads joined with bounded waits, a recording written). */
    static final long STOP_MILLIS = 10_000;

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("dev.lockscope.agent.it.AgentIT#jdks")
    void anAttachedRecordingEndsTheAgentAndAnotherAttachStartsItAgain(String jdk) throws Exception {
        Path java = AgentIT.java(jdk);
        Path jcmd = java.resolveSibling("jcmd");
        Files.createDirectories(WORK);
        Path out = WORK.resolve("lifecycle-" + jdk + ".out");
        Path err = WORK.resolve("lifecycle-" + jdk + ".err");
        Process app = new ProcessBuilder(java.toString(), "-cp", ChildJvm.classpath(), LoopingApp.class.getName(), "120")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        String pid = Long.toString(app.pid());
        try {
            for (int i = 0; i < 100 && !Files.readString(out).contains("looping ready"); i++) {
                Thread.sleep(100);
            }
            // 1. A recording of 2 s: the file is written, then the agent is gone.
            Path first = WORK.resolve("lifecycle-1-" + jdk + ".jfr");
            Files.deleteIfExists(first);
            attach(java, pid, "record=" + first + ",duration=2s");
            assertThat(first).isNotEmptyFile();
            awaitNothingLeft(jcmd, pid);
            List<String> lines = agentLines(err);
            assertThat(lines).as(Files.readString(err)).hasSize(2);
            assertThat(lines.get(0)).startsWith("[lockscope] agent ").contains(" started in ").contains("recording to " + first);
            assertThat(lines.get(1)).startsWith("[lockscope] agent stopped (its recording ended)");

            // 2. Attached again: it runs again (its threads are back) and records the same lock.
            Path second = WORK.resolve("lifecycle-2-" + jdk + ".jfr");
            Files.deleteIfExists(second);
            attach(java, pid, "record=" + second + ",duration=2s");
            assertThat(second).isNotEmptyFile();
            assertThat(ChildJvm.summary(dump(java, second), "dev.lockscope.agent.it.LoopingApp.work:"
                    + ChildJvm.lineOf("LoopingApp.java", "LOOPING-ACQUIRE"), "java.util.concurrent.locks.ReentrantLock"))
                    .isNotNull();
            awaitNothingLeft(jcmd, pid);

            // 3. A recording without an end, stopped by `stop`: the file is written when it stops.
            Path third = WORK.resolve("lifecycle-3-" + jdk + ".jfr");
            Files.deleteIfExists(third);
            int port = freePort();
            attach(java, pid, "record=" + third + ",metricsPort=" + port);
            assertThat(threads(jcmd, pid)).as("running agent").contains("\"lockscope-advice\"");
            assertThat(awaitMetrics(port)).contains("lockscope_lock_wait_seconds_count");
            attach(java, pid, "stop");
            assertThat(third).isNotEmptyFile();
            awaitNothingLeft(jcmd, pid);
            assertThatThrownBy(() -> metrics(port)).as("the Prometheus endpoint is closed")
                    .isInstanceOf(java.net.ConnectException.class);
            assertThat(agentLines(err)).as(Files.readString(err)).hasSize(6)
                    .last().asString().startsWith("[lockscope] agent stopped (asked to by attach stop)");
            assertThat(Files.readString(err)).doesNotContain("Exception");
            assertThat(app.isAlive()).as("the target carries on").isTrue();
        } finally {
            app.destroy();
            app.waitFor();
        }
    }

    private static void attach(Path java, String pid, String options) throws Exception {
        ChildJvm.Result r = ChildJvm.run(cmd(java.toString(), "-jar", AGENT_JAR.toString(), pid, options), 90);
        assertThat(r.exit).as(r.toString()).isZero();
    }

    /** Polls (bounded) until no lockscope thread is alive and no recording runs in the target. */
    private static void awaitNothingLeft(Path jcmd, String pid) throws Exception {
        long deadline = System.currentTimeMillis() + STOP_MILLIS;
        String threads;
        String recordings;
        do {
            Thread.sleep(200);
            threads = threads(jcmd, pid);
            recordings = ChildJvm.run(cmd(jcmd.toString(), pid, "JFR.check"), 30).out;
        } while ((agentThreads(threads) || recordings.contains("Recording ")) && System.currentTimeMillis() < deadline);
        // JNA's own cleaner thread (renamed by the agent as its library's) waits idle until the probe's native memory
        // is collected, then ends by itself 30 s later (JNA's linger time): nothing of the agent runs in it.
        List<String> left = threads.lines().filter(l -> l.startsWith("\"lockscope-"))
                .filter(l -> !(l.startsWith("\"lockscope-JNA Cleaner\"") && l.contains("in Object.wait()")))
                .collect(Collectors.toList());
        assertThat(left).as("lockscope threads left in the target").isEmpty();
        assertThat(recordings).as("JFR recordings left in the target").doesNotContain("Recording ");
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The agent's Prometheus text once its background thread has opened the endpoint (bounded wait). */
    private static String awaitMetrics(int port) throws Exception {
        for (int i = 0; ; i++) {
            try {
                return metrics(port);
            } catch (java.net.ConnectException e) {
                if (i >= 50) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static String metrics(int port) throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest get = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/metrics")).build();
        return client.send(get, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    private static boolean agentThreads(String threadDump) {
        return threadDump.lines().anyMatch(l -> l.startsWith("\"lockscope-") && !l.startsWith("\"lockscope-JNA Cleaner\""));
    }

    private static String threads(Path jcmd, String pid) throws Exception {
        return ChildJvm.run(cmd(jcmd.toString(), pid, "Thread.print"), 30).out;
    }

    private static List<String> agentLines(Path err) throws Exception {
        return Files.readString(err).lines().filter(l -> l.startsWith("[lockscope]")).collect(Collectors.toList());
    }

    private static String dump(Path java, Path rec) throws Exception {
        return AgentIT.dump(java, rec);
    }
}
