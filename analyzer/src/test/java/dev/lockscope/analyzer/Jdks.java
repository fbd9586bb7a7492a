package dev.lockscope.analyzer;

import java.nio.file.Path;

/** The analyzer tests' name for the shared JDK look-up ({@link dev.lockscope.testsupport.Jdks}). */
public final class Jdks {
    private Jdks() {
    }

    /** The {@code java} launcher of the JDK running this test. */
    public static Path current() {
        return dev.lockscope.testsupport.Jdks.current();
    }

    /** The {@code java} launcher of an installed JDK of that feature version, or null. */
    public static Path find(int feature) {
        return dev.lockscope.testsupport.Jdks.find(feature);
    }
}
