package dev.lockscope.analyzer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Finds other installed JDKs (e.g. JDK 25 beside the default 17) in the system's JVM folder. */
public final class Jdks {
    private static final Path JVM_DIR = Path.of("/usr/lib/jvm");

    private Jdks() {
    }

    /** The {@code java} launcher of an installed JDK of that feature version, or null. */
    public static Path find(int feature) {
        if (!Files.isDirectory(JVM_DIR)) {
            return null;
        }
        try (Stream<Path> dirs = Files.list(JVM_DIR)) {
            return dirs.filter(d -> d.getFileName().toString().matches(".*-" + feature + "([.-].*)?"))
                    .map(d -> d.resolve("bin/java"))
                    .filter(Files::isExecutable)
                    .sorted()
                    .findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
