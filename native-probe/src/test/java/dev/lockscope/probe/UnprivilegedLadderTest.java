package dev.lockscope.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Native;
import dev.lockscope.testsupport.ChildProcess;
import dev.lockscope.testsupport.JavaCommand;
import dev.lockscope.testsupport.Unprivileged;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ladder as production users often meet it: a child JVM running as {@code nobody} (setpriv). eBPF must be
 * refused with its errno, the on-CPU oracle must answer UNKNOWN with the reason, /proc and rseq must still work.
 * The class path is copied to a world-readable directory because the build's may live under a private home.
 */
class UnprivilegedLadderTest {
    static Path dir;

    @BeforeAll
    static void copyClassPath() throws Exception {
        Unprivileged.assumePossible();
        dir = Unprivileged.sharedDirectory("lockscope-ladder");
        for (Path src : List.of(codeSource(Probe.class), codeSource(LadderChild.class), codeSource(Native.class))) {
            Unprivileged.readableCopy(src, dir.resolve(src.getFileName().toString()));
        }
        // JNA unpacks its native library into jna.tmpdir: it must be writable for nobody
        Path jnaTmp = Files.createDirectory(dir.resolve("jna-tmp"));
        Files.setPosixFilePermissions(jnaTmp, PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (dir != null) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Path codeSource(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static String runAsNobody(String jnaTmp) throws Exception {
        List<String> cp = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(p -> !p.endsWith("jna-tmp")).forEach(p -> cp.add(p.toString()));
        }
        List<String> java = JavaCommand.of(LadderChild.class).jvm("-Djna.tmpdir=" + jnaTmp, "-Duser.home=/tmp")
                .classPath(String.join(":", cp)).toList();
        ChildProcess.Result r = ChildProcess.of(Unprivileged.asNobody(java)).mergeErrors().run(60);
        System.out.println(r.out());
        return r.ok().out();
    }

    @Test
    void withoutJnasNativeLibraryTheProbeStillOpensAndSaysWhy() throws Exception {
        String out = runAsNobody("/nonexistent/jna");
        assertThat(out).contains("\"user\":\"nobody\"");
        assertThat(out).doesNotContain("\"available\":true");
        assertThat(out).contains("no native access: JNA could not load libc");
        assertThat(out).contains("oracle -1 available=false tid=-1");
        assertThat(out).contains("stats UNKNOWN UNKNOWN futex=UNKNOWN");
    }

    @Test
    void nobodyGetsTheLowerRungsWithReasons() throws Exception {
        String out = runAsNobody(dir.resolve("jna-tmp").toString());
        assertThat(out).contains("\"user\":\"nobody\"");
        // eBPF refused by the kernel, and the report says so with errno
        assertThat(out).containsPattern("\"name\":\"on-CPU source\",\"available\":false,[^}]*EPERM \\(1\\)");
        assertThat(out).contains("cannot tell running from runnable");
        // the oracle answers UNKNOWN and says why
        assertThat(out).containsPattern("oracle -1 available=false tid=\\d+");
        assertThat(out).containsPattern("source none: eBPF unavailable \\(BPF_[A-Z_]+ [a-z_]+ failed: EPERM");
        // /proc sampling still works, and stats are labelled as sampled
        assertThat(out).containsPattern("\"name\":\"/proc sampling\",\"available\":true");
        assertThat(out).contains("\"name\":\"off-CPU-time source\",\"available\":true,\"source\":\"/proc/self/task/TID/schedstat\"");
        assertThat(out).contains("stats SAMPLED_PROC SAMPLED_PROC");
        // futex counts: perf rung if tracefs lets nobody read the tracepoint id, else missing naming both rungs
        assertThat(out).containsPattern("\"name\":\"futex-count source\",\"available\":(true,\"source\":\"perf tracepoint"
                + "|false,[^}]*eBPF: [^}]*perf: [^}]*)");
        // rseq is per-thread user memory: unprivileged works
        assertThat(out).containsPattern("\"name\":\"rseq\",\"available\":true");
        assertThat(out).containsPattern("rseq cpu [01]");
    }
}
