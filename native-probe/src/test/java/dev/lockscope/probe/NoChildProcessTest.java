package dev.lockscope.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockscope.testsupport.JavaCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Loading libc through JNA starts no process inside the host (JNA's own initialiser would run {@code /sbin/ldconfig
 * -p}), and leaves the system property it sets for that moment as it found it: seen with strace following every
 * thread of a child JVM.
 */
class NoChildProcessTest {
    @Test
    void loadingLibcStartsNoProcessAndLeavesThePropertyAsItWas() throws Exception {
        String strace = FutexCountTest.strace();
        assumeTrue(strace != null, "skipped: strace not installed (.ci/run installs it)");
        Path log = Files.createTempFile("lockscope-execve", ".txt");
        try {
            String out = JavaCommand.of(LibcChild.class).enableNativeAccess()
                    .under(strace, "-f", "-qq", "-e", "trace=execve", "-o", log.toString())
                    .process().mergeErrors().run(60).ok().out();
            assertThat(out).contains("libc=loaded, pid true", "property=null");
            List<String> started = Files.readAllLines(log).stream().filter(l -> l.contains("execve(") && !l.contains("ENOENT"))
                    .collect(Collectors.toList());
            assertThat(started).as("processes started: the JVM itself only").hasSize(1);
            assertThat(started.get(0)).contains("java");

            String set = JavaCommand.of(LibcChild.class).enableNativeAccess().jvm("-D" + LibC.Loader.PLATFORM_PATH + "=/opt/libs")
                    .process().mergeErrors().run(60).ok().out();
            assertThat(set).as("a value the user set is kept").contains("libc=loaded, pid true", "property=/opt/libs");
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
