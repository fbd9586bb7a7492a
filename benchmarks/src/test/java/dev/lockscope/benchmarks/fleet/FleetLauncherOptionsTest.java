package dev.lockscope.benchmarks.fleet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The fleet benchmark runs the CLI with the JVM options the launcher gives it, not a copy that drifted. */
class FleetLauncherOptionsTest {

    @Test
    void theBenchmarkPassesTheLaunchersJvmOptions() throws Exception {
        String launcher = Files.readString(Path.of("../lockscope"));
        String exec = launcher.lines().filter(l -> l.startsWith("exec ")).findFirst().orElseThrow();
        for (String option : FleetBenchmark.LAUNCHER_JVM) {
            assertTrue(exec.contains(option) || launcher.contains("gc=" + option),
                    option + " is not what the launcher passes: " + exec);
        }
        assertTrue(exec.contains("-Xmx"), "the launcher caps the heap: " + exec);
    }
}
