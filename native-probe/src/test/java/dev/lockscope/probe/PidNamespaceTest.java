package dev.lockscope.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A JVM in its own PID namespace (as in a container): sched_switch would see host tids that do not match its
 * gettid, so the eBPF rung must stand down and say why, while /proc (mounted for the namespace) still works.
 */
class PidNamespaceTest {
    @Test
    void childPidNamespaceIsReportedNotFaked() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "skipped: unshare --pid needs root");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")), "skipped: unshare (util-linux) not installed");
        Process p = new ProcessBuilder("/usr/bin/unshare", "--pid", "--fork", "--mount-proc",
                ChildJvm.java(), "-cp", System.getProperty("java.class.path"), LadderChild.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        System.out.println(out);
        assumeTrue(p.exitValue() == 0 || !out.contains("unshare:"), "skipped: unshare refused here: " + out);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).containsPattern("\"name\":\"on-CPU source\",\"available\":false,[^}]*non-initial PID namespace \\(pid:\\[\\d+\\]\\)");
        assertThat(out).containsPattern("oracle -1 available=false tid=\\d+");
        assertThat(out).contains("stats SAMPLED_PROC SAMPLED_PROC");
    }
}
