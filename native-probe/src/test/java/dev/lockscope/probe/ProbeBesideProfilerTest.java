package dev.lockscope.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockscope.testsupport.AsyncProfilerLibrary;
import dev.lockscope.testsupport.JavaCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe loads beside a CPU profiler sampling every millisecond: async-profiler's timer signal reaches the loading
 * thread within every verification of the probe's programs, and the kernel's verifier gives up (EAGAIN) whenever a
 * signal is pending. Before the loads held those signals back, the probe never joined here (6 starts of 6).
 */
class ProbeBesideProfilerTest {
    @Test
    void theEbpfRungOpensUnderAsyncProfilersOneMillisecondCpuSampling(@TempDir Path dir) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "skipped: eBPF needs root (running as " + System.getProperty("user.name") + ")");
        String why = AsyncProfilerLibrary.unavailableBecause();
        assumeTrue(why == null, why);
        Path profile = dir.resolve("cpu.collapsed");
        String out = JavaCommand.of(LadderChild.class).enableNativeAccess()
                .jvm("-agentpath:" + AsyncProfilerLibrary.copyTo(dir) + "=start,event=cpu,interval=1ms,collapsed,file=" + profile)
                .process().in(dir).mergeErrors().run(60).ok().out();
        assertThat(out.lines().filter(l -> l.startsWith("source "))).as(out).singleElement().asString()
                .startsWith("source eBPF sched_switch (measured)");
        assertThat(out).contains("available=true");
        assertThat(profile).as("the profiler ran beside it").exists();
        assertThat(Files.size(profile)).isPositive();
    }
}
