package dev.lockscope.analyzer;

import java.nio.file.Files;
import java.nio.file.Path;

/** Planted recordings made once per test run and shared by the tests that only read them. */
public final class PlantedRecordings {
    private static Path cached;

    private PlantedRecordings() {
    }

    /** A copy, in {@code dir}, of one recording of {@link PlantedRecording}'s contention. */
    public static synchronized Path planted(Path dir) throws Exception {
        if (cached == null) {
            Path tmp = Files.createTempFile("lockscope-planted", ".jfr");
            tmp.toFile().deleteOnExit();
            PlantedRecording.record(tmp);
            cached = tmp;
        }
        Path copy = dir.resolve("planted-" + System.nanoTime() + ".jfr");
        return Files.copy(cached, copy);
    }
}
