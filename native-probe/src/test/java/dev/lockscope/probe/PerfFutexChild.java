package dev.lockscope.probe;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Child JVM for {@link PerfFutexTest}, started with eBPF disabled: runs the ping-pong under strace (attached to
 * the two players only) and prints "perf N strace M source S".
 */
public final class PerfFutexChild {
    public static void main(String[] args) throws Exception {
        Probe probe = Probe.get();
        FutexCountTest.PingPong pp = new FutexCountTest.PingPong();
        pp.start();
        Thread.sleep(50);
        FutexCounts a0 = probe.stats(pp.tids[0]).futex(); // opens the per-thread perf counters
        FutexCounts b0 = probe.stats(pp.tids[1]).futex();
        Path log = Files.createTempFile("lockscope-strace", ".txt");
        Process st = new ProcessBuilder(args[0], "-e", "trace=futex", "-o", log.toString(),
                "-p", Integer.toString(pp.tids[0]), "-p", Integer.toString(pp.tids[1])).redirectErrorStream(true).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(st.getInputStream(), StandardCharsets.UTF_8));
        int attached = 0;
        String line;
        while (attached < 2 && (line = err.readLine()) != null) {
            attached += line.contains("attached") ? 1 : 0;
        }
        pp.go.countDown();
        pp.done.await(120, TimeUnit.SECONDS);
        Thread.sleep(100);
        st.destroy();
        st.waitFor(10, TimeUnit.SECONDS);
        FutexCounts a1 = probe.stats(pp.tids[0]).futex();
        FutexCounts b1 = probe.stats(pp.tids[1]).futex();
        long[] theirs = FutexCountTest.countStraceLog(log);
        Files.deleteIfExists(log);
        System.out.println("perf " + (a1.total() - a0.total() + b1.total() - b0.total()) + " strace " + theirs[2]
                + " provenance " + a1.provenance() + " source " + a1.source());
        pp.exit.countDown();
    }
}
