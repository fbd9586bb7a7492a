package dev.lockscope.analyzer;

import java.nio.file.Files;
import java.nio.file.Path;

/** Planted recordings made once per test run and shared by the tests that only read them. */
public final class PlantedRecordings {
    private static Path cached;

    private PlantedRecordings() {
    }

    /** A small recording of its own (distinct chunks): two threads meeting on a monitor a few times. */
    public static Path small(Path file) throws Exception {
        Object monitor = new Object();
        try (jdk.jfr.Recording r = PlantedRecording.lockRecording()) {
            r.start();
            for (int i = 0; i < 3; i++) {
                Thread holder = new Thread(() -> {
                    synchronized (monitor) {
                        PlantedRecording.sleep(20);
                    }
                }, "small-holder");
                Thread waiter = new Thread(() -> {
                    synchronized (monitor) {
                        monitor.hashCode();
                    }
                }, "small-waiter");
                synchronized (monitor) {
                    holder.start();
                    waiter.start();
                    while (holder.getState() != Thread.State.BLOCKED || waiter.getState() != Thread.State.BLOCKED) {
                        Thread.sleep(1);
                    }
                }
                holder.join();
                waiter.join();
            }
            r.stop();
            r.dump(file);
        }
        return file;
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
