package dev.lockscope.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The JDKs a test may start a child JVM on: the one running the tests (JDK 17 here) and others installed in the
 * system's JVM folder (JDK 25 beside it), looked up when the test runs.
 */
public final class Jdks {
    /** Where Debian's and Temurin's packages install JDKs. */
    public static final Path JVM_DIR = Path.of("/usr/lib/jvm");
    private static final Pattern RELEASE_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

    private Jdks() {
    }

    /** The {@code java} launcher of the JDK running this test. */
    public static Path current() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** The {@code java} launcher of an installed JDK of that feature version (e.g. 25), or null. */
    public static Path find(int feature) {
        return installed().filter(d -> d.getFileName().toString().matches(".*-" + feature + "([.-].*)?"))
                .map(d -> d.resolve("bin/java")).filter(Files::isExecutable).sorted().findFirst().orElse(null);
    }

    /** The {@code java} launcher of an installed JDK of that feature version or later (by its release file), or null. */
    public static Path findAtLeast(int feature) {
        return installed().filter(d -> releaseFeature(d) >= feature)
                .map(d -> d.resolve("bin/java")).filter(Files::isExecutable).sorted().findFirst().orElse(null);
    }

    /** The feature version (e.g. 25) of the JDK a {@code java} launcher belongs to, by its release file; -1 if unknown. */
    public static int feature(Path java) {
        Path bin = java.toAbsolutePath().getParent();
        return bin == null || bin.getParent() == null ? -1 : releaseFeature(bin.getParent());
    }

    /** The JDK's {@code jfr} tool beside its {@code java}. */
    public static Path jfrTool(Path java) {
        return java.getParent().resolve("jfr");
    }

    /** {@code @MethodSource(Jdks.SEVENTEEN_AND_TWENTY_FIVE)}: a parameterized test on {@link #seventeenAndTwentyFive}. */
    public static final String SEVENTEEN_AND_TWENTY_FIVE = "dev.lockscope.testsupport.Jdks#seventeenAndTwentyFive";

    /** The two JDKs a test runs on, as parameters (feature, launcher): 17, this one, and 25 where installed (else null). */
    public static Stream<Arguments> seventeenAndTwentyFive() {
        return Stream.of(Arguments.of(17, current()), Arguments.of(25, find(25)));
    }

    /**
     * {@code java}, or the test skipped with a line on stdout (so a run without that JDK shows it in its log, not
     * only in the report) when that JDK is not installed.
     */
    public static Path require(int feature, Path java) {
        if (java == null) {
            System.out.println("skipped on JDK " + feature + ": none installed under " + JVM_DIR);
        }
        Assumptions.assumeTrue(java != null, "no JDK " + feature + " under " + JVM_DIR);
        return java;
    }

    private static Stream<Path> installed() {
        if (!Files.isDirectory(JVM_DIR)) {
            return Stream.empty();
        }
        try (Stream<Path> dirs = Files.list(JVM_DIR)) {
            return dirs.toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static int releaseFeature(Path jdk) {
        try {
            Matcher m = RELEASE_VERSION.matcher(Files.readString(jdk.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        } catch (IOException | RuntimeException e) {
            return -1; // no release file: not a JDK
        }
    }
}
