package dev.lockscope.locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockscope.testsupport.ChildProcess;
import dev.lockscope.testsupport.Jdks;
import dev.lockscope.testsupport.Unprivileged;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Child JVMs: the lock without native-probe on the class path (it must fall back and say why), as a non-root
 * user, and virtual threads on a newer JDK (JDK 17 has none; skipped visibly where no JDK 21+ is installed).
 */
class ChildJvmTest {
    private static final Path CLASSES = Path.of("target", "classes").toAbsolutePath();
    private static final Path TEST_CLASSES = Path.of("target", "test-classes").toAbsolutePath();

    @Test
    void worksWithoutNativeProbeOnTheClassPath() throws Exception {
        String out = run(List.of(Jdks.current().toString(), "-cp", CLASSES + File.pathSeparator + TEST_CLASSES,
                ChildMain.class.getName(), "contend"));
        assertThat(out).contains("counter=800000").contains("policy=PORTABLE").contains("native-probe not on the class path");
    }

    /** The diagnostics property counts why contended acquisitions spun or queued and prints them at exit; off, nothing. */
    @Test
    void spinOutcomesArePrintedOnlyWhenAskedFor() throws Exception {
        String cp = CLASSES + File.pathSeparator + TEST_CLASSES;
        String jvm = Jdks.current().toString();
        String on = run(List.of(jvm, "-Dlockscope.locks.spinOutcomes=true", "-cp", cp, ChildMain.class.getName(), "contend"));
        assertThat(on).contains("counter=800000");
        Matcher line = Pattern.compile("lockscope-locks spin outcomes: \\{acquired=.*bounce_nap=\\d+}").matcher(on);
        assertThat(line.find()).as("outcome line in %s", on).isTrue();
        long total = 0;
        Matcher n = Pattern.compile("=(\\d+)").matcher(line.group());
        while (n.find()) total += Long.parseLong(n.group(1));
        assertThat(total).as("2 threads x 400,000 increments contend at least once: %s", line.group()).isPositive();
        String off = run(List.of(jvm, "-cp", cp, ChildMain.class.getName(), "contend"));
        assertThat(off).contains("counter=800000").doesNotContain("spin outcomes");
    }

    @Test
    void usesTheEbpfOracleAsRoot() {
        assumeTrue("root".equals(System.getProperty("user.name")), "not root: eBPF oracle not expected");
        LockPolicy p = AdaptiveReentrantLock.defaultPolicy();
        assertThat(p.kind()).as("policy %s", p).isEqualTo(LockPolicy.Kind.ON_CPU_ORACLE);
        assertThat(p.source()).contains("measured");
    }

    /** As nobody, with native-probe and JNA on the class path: the probe cannot load eBPF, the lock says why. */
    @Test
    void worksAsNonRootUserWithNativeProbe() throws Exception {
        Unprivileged.assumePossible();
        Path copy = Unprivileged.sharedDirectory("adaptive-locks-nonroot");
        List<String> cp = new ArrayList<>();
        cp.add(Unprivileged.readableCopy(CLASSES, copy.resolve("classes")).toString());
        cp.add(Unprivileged.readableCopy(TEST_CLASSES, copy.resolve("test-classes")).toString());
        int n = 0;
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(e);
            if (!(e.contains("native-probe") || p.getFileName().toString().startsWith("jna"))) continue;
            cp.add(Unprivileged.readableCopy(p, copy.resolve("dep" + n++ + (Files.isDirectory(p) ? "" : ".jar"))).toString());
        }
        String out = run(Unprivileged.asNobody(List.of(Jdks.current().toString(), "-cp", String.join(File.pathSeparator, cp),
                ChildMain.class.getName(), "contend")));
        assertThat(out).contains("counter=800000").contains("policy=PORTABLE").doesNotContain("not on the class path");
    }

    @Test
    void virtualThreadsNeverSpinLongOnTheirCarrier() throws Exception {
        Path jdk = Jdks.findAtLeast(21);
        assumeTrue(jdk != null, "no JDK 21+ under /usr/lib/jvm: virtual-thread spin cap not tested");
        String out = run(List.of(jdk.toString(), "-Dlockscope.locks.minSpinNanos=1000000000", "-Dlockscope.locks.maxSpinNanos=1000000000",
                "-cp", CLASSES + File.pathSeparator + TEST_CLASSES, ChildMain.class.getName(), "virtual"));
        assertThat(out).contains("platformSpinning=true").contains("virtualQueuedFast=true");
    }

    private static String run(List<String> cmd) throws Exception {
        return ChildProcess.of(cmd).mergeErrors().run(60).ok().out();
    }
}
