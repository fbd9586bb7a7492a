package dev.lockscope.locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        String out = run(List.of(javaBin(System.getProperty("java.home")), "-cp", CLASSES + File.pathSeparator + TEST_CLASSES,
                ChildMain.class.getName(), "contend"));
        assertThat(out).contains("counter=800000").contains("policy=PORTABLE").contains("native-probe not on the class path");
    }

    /** The diagnostics property counts why contended acquisitions spun or queued and prints them at exit; off, nothing. */
    @Test
    void spinOutcomesArePrintedOnlyWhenAskedFor() throws Exception {
        String cp = CLASSES + File.pathSeparator + TEST_CLASSES;
        String jvm = javaBin(System.getProperty("java.home"));
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
        assumeTrue("root".equals(System.getProperty("user.name")), "not root: this run already is the non-root path");
        assumeTrue(new File("/usr/bin/setpriv").canExecute(), "setpriv missing: non-root child not tested");
        Path copy = Files.createTempDirectory("adaptive-locks-nonroot");
        List<String> cp = new ArrayList<>();
        copyTree(CLASSES, copy.resolve("classes"));
        copyTree(TEST_CLASSES, copy.resolve("test-classes"));
        cp.add(copy.resolve("classes").toString());
        cp.add(copy.resolve("test-classes").toString());
        int n = 0;
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(e);
            if (!(e.contains("native-probe") || p.getFileName().toString().startsWith("jna"))) continue;
            Path target = copy.resolve("dep" + n++ + (Files.isDirectory(p) ? "" : ".jar"));
            if (Files.isDirectory(p)) copyTree(p, target);
            else Files.copy(p, target);
            cp.add(target.toString());
        }
        makeReadable(copy);
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                javaBin(System.getProperty("java.home")), "-cp", String.join(File.pathSeparator, cp),
                ChildMain.class.getName(), "contend"));
        String out = run(cmd);
        assertThat(out).contains("counter=800000").contains("policy=PORTABLE").doesNotContain("not on the class path");
    }

    @Test
    void virtualThreadsNeverSpinLongOnTheirCarrier() throws Exception {
        String jdk = newerJdk();
        assumeTrue(jdk != null, "no JDK 21+ under /usr/lib/jvm: virtual-thread spin cap not tested");
        String out = run(List.of(javaBin(jdk), "-Dlockscope.locks.minSpinNanos=1000000000", "-Dlockscope.locks.maxSpinNanos=1000000000",
                "-cp", CLASSES + File.pathSeparator + TEST_CLASSES, ChildMain.class.getName(), "virtual"));
        assertThat(out).contains("platformSpinning=true").contains("virtualQueuedFast=true");
    }

    private static String newerJdk() {
        File[] dirs = new File("/usr/lib/jvm").listFiles();
        if (dirs == null) return null;
        for (File d : dirs) {
            File release = new File(d, "release");
            if (!release.isFile()) continue;
            try {
                String text = Files.readString(release.toPath());
                Matcher m = Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(text);
                if (m.find() && Integer.parseInt(m.group(1)) >= 21 && new File(d, "bin/java").canExecute()) return d.getPath();
            } catch (Exception e) {
                // not a JDK
            }
        }
        return null;
    }

    private static String javaBin(String home) {
        return Path.of(home, "bin", "java").toString();
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }

    private static void makeReadable(Path root) throws Exception {
        try (var paths = Files.walk(root)) {
            paths.forEach(p -> {
                p.toFile().setReadable(true, false);
                if (Files.isDirectory(p)) p.toFile().setExecutable(true, false);
            });
        }
    }

    private static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
            throw new AssertionError("child JVM hung: " + out);
        }
        assertThat(p.exitValue()).as("child exit, output: %s", out).isZero();
        return out;
    }
}
