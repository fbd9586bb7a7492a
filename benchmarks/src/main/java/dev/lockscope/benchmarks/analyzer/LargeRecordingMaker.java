package dev.lockscope.benchmarks.analyzer;

import dev.lockscope.analyzer.read.ChunkLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * Makes a large recording of {@link ParkDenseWorkload} under lockscope.jfc, its lock thresholds lowered to 0 so
 * that volume comes fast. JFR rotates chunks by itself, so every chunk holds its own events and constant pools
 * (no copies). Stops when the on-disk chunks reach {@code --min-mb} or after {@code --max-seconds}.
 *
 * <p>Usage: {@code LargeRecordingMaker --jfc lockscope.jfc --out FILE [--min-mb 1024] [--max-seconds 300]
 * [--lock-threads 8] [--monitor-threads 6]}
 */
public final class LargeRecordingMaker {

    private LargeRecordingMaker() {
    }

    public static void main(String[] args) throws Exception {
        Path jfc = null;
        Path out = null;
        long minMb = 1024;
        long maxSeconds = 300;
        int lockThreads = 8;
        int monitorThreads = 6;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--jfc" -> jfc = Paths.get(args[++i]);
                case "--out" -> out = Paths.get(args[++i]);
                case "--min-mb" -> minMb = Long.parseLong(args[++i]);
                case "--max-seconds" -> maxSeconds = Long.parseLong(args[++i]);
                case "--lock-threads" -> lockThreads = Integer.parseInt(args[++i]);
                case "--monitor-threads" -> monitorThreads = Integer.parseInt(args[++i]);
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (jfc == null || out == null) {
            usage("--jfc and --out are required");
        }
        Map<String, String> settings = new HashMap<>(Configuration.create(jfc).getSettings());
        // Every lock wait, however short: a real service gets this volume from more threads and more hours.
        settings.replaceAll((k, v) -> k.endsWith("#threshold") ? "0 ms" : v);

        long started = System.nanoTime();
        try (Recording r = new Recording(settings)) {
            r.setName("lockscope-large");
            r.setToDisk(true);
            r.setMaxSize(0);
            r.setMaxAge(null);
            Path tmpOut = out.resolveSibling(out.getFileName() + ".part");
            r.setDestination(tmpOut);
            r.start();
            Path repository = Paths.get(System.getProperty("jdk.jfr.repository"));
            ParkDenseWorkload w = new ParkDenseWorkload();
            w.start(lockThreads, monitorThreads);
            long lastPrint = 0;
            while (true) {
                Thread.sleep(1_000);
                long mb = chunkBytes(repository) >> 20;
                long seconds = (System.nanoTime() - started) / 1_000_000_000L;
                if (seconds - lastPrint >= 15) {
                    System.err.printf("make-large-recording: %d s, %d MB on disk%n", seconds, mb);
                    lastPrint = seconds;
                }
                if (mb >= minMb || seconds >= maxSeconds) {
                    break;
                }
            }
            w.stop();
            r.stop();
            Files.move(tmpOut, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        ChunkLayout layout = ChunkLayout.scan(out);
        System.err.printf("make-large-recording: wrote %s: %d MB in %d chunks, %.0f s%n", out,
                layout.fileSize() >> 20, layout.chunks(), (System.nanoTime() - started) / 1e9);
        if (layout.fileSize() >> 20 < minMb) {
            System.err.printf("make-large-recording: only %d MB of the %d MB asked for within %d s%n",
                    layout.fileSize() >> 20, minMb, maxSeconds);
            System.exit(1);
        }
    }

    private static long chunkBytes(Path repository) throws IOException {
        try (Stream<Path> files = Files.walk(repository)) {
            return files.filter(p -> p.toString().endsWith(".jfr")).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void usage(String why) {
        System.err.println("LargeRecordingMaker: " + why);
        System.exit(2);
    }
}
