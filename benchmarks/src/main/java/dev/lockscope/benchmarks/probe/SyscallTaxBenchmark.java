package dev.lockscope.benchmarks.probe;

import dev.lockscope.probe.Probe;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a futex-counting window costs every other system call: one lseek (FileChannel.position) with the probe
 * absent, attached with counting off, and with the sys_enter futex counter attached.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class SyscallTaxBenchmark {
    @Param({"none", "probe", "counting"})
    public String mode;

    private FileChannel channel;
    private Path file;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        file = Files.createTempFile("lockscope-tax", ".bin");
        channel = FileChannel.open(file, StandardOpenOption.READ);
        if (!mode.equals("none")) {
            Probe p = Probe.get();
            if (mode.equals("counting")) {
                String failure = p.futexCounting().startWindow();
                System.out.println("# futex counting: " + (failure == null ? "on" : "unavailable: " + failure));
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (mode.equals("counting")) {
            Probe.get().futexCounting().stopWindow();
        }
        channel.close();
        Files.deleteIfExists(file);
    }

    @Benchmark
    public long lseek() throws IOException {
        return channel.position();
    }
}
