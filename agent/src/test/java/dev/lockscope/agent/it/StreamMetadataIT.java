package dev.lockscope.agent.it;

import static dev.lockscope.agent.it.ChildJvm.AGENT_JAR;
import static dev.lockscope.agent.it.ChildJvm.WORK;
import static dev.lockscope.agent.it.ChildJvm.cmd;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The monitor stream parses JFR's metadata once: every event class of ours is registered before the stream's
 * recording starts. LockAdvice, first written seconds after the start, used to be registered then, which made JFR
 * write the whole metadata again and the stream parse and keep a second copy (about 2 MB of long-lived young
 * objects, copied by G1 at every young collection). JFR's parser logs each such rebuild
 * ({@code -Xlog:jfr+system+parser=info}).
 */
class StreamMetadataIT {
    private static final String REBUILD = "Found new metadata in chunk";

    @Test
    void adviceWrittenAfterTheStreamStartsMakesNoNewMetadataOnJdk17() throws Exception {
        assertNoRebuild(ChildJvm.java17(), "17");
    }

    @Test
    void adviceWrittenAfterTheStreamStartsMakesNoNewMetadataOnJdk25() throws Exception {
        Optional<Path> java25 = ChildJvm.java25();
        Assumptions.assumeTrue(java25.isPresent(), "no JDK 25 under /usr/lib/jvm: the JDK 25 run is skipped");
        assertNoRebuild(java25.get(), "25");
    }

    private static void assertNoRebuild(Path java, String tag) throws Exception {
        Files.createDirectories(WORK);
        Path log = WORK.resolve("stream-metadata-" + tag + ".log");
        Files.deleteIfExists(log);
        ChildJvm.Result r = ChildJvm.run(cmd(java.toString(), "-Xlog:jfr+system+parser=info:file=" + log,
                "-javaagent:" + AGENT_JAR + "=backgroundStart=now,log=verbose",
                "-cp", ChildJvm.classpath(), AdviceApp.class.getName(), "5000"), 120);
        assertThat(r.exit).as(r.toString()).isZero();
        // The advice was written while the stream ran: the case that used to register LockAdvice late.
        assertThat(r.err).as(r.toString()).contains("[lockscope] advice: ");
        assertThat(Files.exists(log)).as("JFR's log file %s", log).isTrue();
        assertThat(Files.readString(log)).as("JFR's parser log on JDK %s", tag).doesNotContain(REBUILD);
    }
}
