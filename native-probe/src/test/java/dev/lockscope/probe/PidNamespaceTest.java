package dev.lockscope.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockscope.testsupport.ChildProcess;
import dev.lockscope.testsupport.JavaCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/unshare", "--pid", "--fork", "--mount-proc"));
        cmd.addAll(JavaCommand.of(LadderChild.class).toList());
        ChildProcess.Result r = ChildProcess.of(cmd).mergeErrors().run(60);
        String out = r.out();
        System.out.println(out);
        assumeTrue(r.exit() == 0 || !out.contains("unshare:"), "skipped: unshare refused here: " + out);
        r.ok();
        assertThat(out).containsPattern("\"name\":\"on-CPU source\",\"available\":false,[^}]*non-initial PID namespace \\(pid:\\[\\d+\\]\\)");
        assertThat(out).containsPattern("oracle -1 available=false tid=\\d+");
        assertThat(out).contains("stats SAMPLED_PROC SAMPLED_PROC");
    }
}
