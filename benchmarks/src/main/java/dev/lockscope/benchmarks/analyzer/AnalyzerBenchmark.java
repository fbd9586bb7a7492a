package dev.lockscope.benchmarks.analyzer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Analysis speed and memory on one large recording, side by side in one run: the JDK's RecordingFile loop,
 * JMC's plain loader, lockscope's analyzer (and two parts of it), and JDK 25's {@code jfr view
 * contention-by-site}. Each way runs once in its own child process, so its peak RSS is its own.
 *
 * <p>A plain main rather than JMH: one measurement is a single pass over a 1 GB file taking tens of seconds, in a
 * fresh JVM whose peak RSS is part of the result, which is what JMH's single-shot mode would run too, minus the
 * RSS and the non-Java peer.
 *
 * <p>Usage: {@code AnalyzerBenchmark FILE [--xmx 2g] [--small-xmx 512m] [--timeout-seconds 300]
 * [--cli-jar lockscope.jar] [--no-breakdown] [--compare LABEL=CLASSPATH]... [--pairs N [--only-pairs]]
 * [--monitor-pairs N]}
 * ({@code --compare} adds a row for another build of lockscope, e.g. before a change, in the same run;
 * {@code --monitor-pairs} runs only (d) against lockscope's {@code --only monitors}, CLI and library, N times
 * alternately)
 */
public final class AnalyzerBenchmark {

    /** One measured way; {@code jdk} is the feature release it ran on (0 for the non-Java peer). */
    private record Row(String way, String xmx, int jdk, ChildRun run, String note) {
    }

    private static final int CURRENT = Runtime.version().feature();

    private AnalyzerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: AnalyzerBenchmark FILE [--xmx 2g] [--small-xmx 512m] [--timeout-seconds 300]"
                    + " [--cli-jar lockscope.jar] [--no-breakdown] [--compare LABEL=CLASSPATH]... [--pairs N [--only-pairs]]");
            System.exit(2);
        }
        Path file = Paths.get(args[0]);
        String xmx = "2g";
        String smallXmx = "512m";
        long timeout = 300;
        Path cliJar = null;
        boolean breakdown = true;
        List<String[]> compare = new ArrayList<>();
        int pairs = 0;
        int monitorPairs = 0;
        boolean onlyPairs = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--xmx" -> xmx = args[++i];
                case "--small-xmx" -> smallXmx = args[++i];
                case "--timeout-seconds" -> timeout = Long.parseLong(args[++i]);
                case "--cli-jar" -> cliJar = Paths.get(args[++i]);
                case "--no-breakdown" -> breakdown = false;
                case "--pairs" -> pairs = Integer.parseInt(args[++i]);
                case "--only-pairs" -> onlyPairs = true;
                case "--monitor-pairs" -> monitorPairs = Integer.parseInt(args[++i]);
                case "--compare" -> compare.add(args[++i].split("=", 2));
                default -> {
                    System.err.println("AnalyzerBenchmark: unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (!Files.isRegularFile(file)) {
            System.err.println("AnalyzerBenchmark: no such file " + file);
            System.exit(1);
        }
        if (monitorPairs > 0) {
            monitorPairs(monitorPairs, file, cliJar, timeout);
            return;
        }
        if (onlyPairs) {
            pairs(Math.max(pairs, 1), file, xmx, timeout);
            return;
        }
        double mb = Files.size(file) / 1e6;
        Path jdk25 = findJdk(25);
        List<Row> rows = new ArrayList<>();

        ChildRun a = run(rows, "(a) RecordingFile loop, lock events + every frame", xmx, "recordingfile", file,
                timeout, null);
        long lockEvents = a.value("events");
        long monitorEnters = a.value("monitor.enters");
        if (jdk25 != null) {
            run(rows, "(a) RecordingFile loop, lock events + every frame", xmx, "recordingfile", file, timeout, jdk25);
        }
        run(rows, "(b) JMC JfrLoaderToolkit.loadEvents(File)", xmx, "jmc-loader", file, timeout, null);
        run(rows, "(c) lockscope Analysis.analyze", xmx, "lockscope", file, timeout, null);
        run(rows, "(c) lockscope Analysis.analyze", smallXmx, "lockscope", file, timeout, null);
        if (jdk25 != null) {
            run(rows, "(c) lockscope Analysis.analyze", xmx, "lockscope", file, timeout, jdk25);
        }
        for (String[] c : compare) {
            rows.add(new Row("(c) lockscope Analysis.analyze, " + c[0], xmx, CURRENT,
                    ChildRun.run(readerCommand(xmx, c[1], "lockscope", file, null), timeout), ""));
            report(rows.get(rows.size() - 1));
        }
        if (cliJar != null) {
            List<String> cmd = List.of(javaBin(null), "-Xmx" + smallXmx, "-jar", cliJar.toString(), "analyze",
                    "--format", "json", "-o", "/dev/null", file.toString());
            rows.add(new Row("(c) lockscope analyze --format json (CLI)", smallXmx, CURRENT, ChildRun.run(cmd, timeout),
                    ""));
            report(rows.get(rows.size() - 1));
        }
        if (breakdown) {
            run(rows, "    part: lockscope's JMC reader, no aggregation", xmx, "lockscope-read-only", file, timeout,
                    null);
            run(rows, "    part: JMC streaming parse, counting sinks", xmx, "jmc-stream-noop", file, timeout, null);
        }
        if (jdk25 == null) {
            System.err.println("AnalyzerBenchmark: (d) skipped: no JDK 25 under /usr/lib/jvm");
        } else {
            List<String> cmd = List.of(jdk25.resolve("bin/jfr").toString(), "view", "contention-by-site",
                    file.toString());
            rows.add(new Row("(d) jfr view contention-by-site", "default", 25, ChildRun.run(cmd, timeout),
                    "reads monitor enters only (" + monitorEnters + ")"));
            report(rows.get(rows.size() - 1));
        }
        print(rows, file, mb, lockEvents);
        if (pairs > 0) {
            pairs(pairs, file, xmx, timeout);
        }
    }

    /**
     * (a) and (c) alternately, {@code n} times: the machine's load drifts over minutes, so the ratio of each
     * back-to-back pair is steadier than the ratio of two rows of the table.
     */
    private static void pairs(int n, Path file, String xmx, long timeout) throws IOException, InterruptedException {
        String cp = System.getProperty("java.class.path");
        List<Double> ratios = new ArrayList<>();
        System.out.println();
        System.out.println("| pair | (a) RecordingFile s | (c) lockscope s | ratio |");
        System.out.println("|---:|---:|---:|---:|");
        for (int i = 1; i <= n; i++) {
            ChildRun a = ChildRun.run(readerCommand(xmx, cp, "recordingfile", file, null), timeout);
            ChildRun c = ChildRun.run(readerCommand(xmx, cp, "lockscope", file, null), timeout);
            double ratio = a.wallSeconds() / c.wallSeconds();
            ratios.add(ratio);
            System.out.printf(Locale.ROOT, "| %d | %.1f | %.1f | %.2fx |%n", i, a.wallSeconds(), c.wallSeconds(),
                    ratio);
        }
        ratios.sort(null);
        System.out.printf(Locale.ROOT, "%nMedian ratio of lock events/s, lockscope / RecordingFile loop (JDK %d, -Xmx%s):"
                + " %.2fx over %d pairs%n", CURRENT, xmx, ratios.get(ratios.size() / 2), n);
    }

    /**
     * (d) {@code jfr view contention-by-site} against lockscope on the same question, monitor enters only: the
     * CLI ({@code analyze --only monitors}, JSON to /dev/null, -Xmx1g as the library gets it) and the library
     * call ({@code Analysis.analyze} with {@code FastJfrReader}), back to back, {@code n} times.
     */
    private static void monitorPairs(int n, Path file, Path cliJar, long timeout)
            throws IOException, InterruptedException {
        Path jdk25 = findJdk(25);
        if (jdk25 == null || cliJar == null) {
            System.err.println("AnalyzerBenchmark: --monitor-pairs needs JDK 25 under /usr/lib/jvm and --cli-jar");
            System.exit(1);
        }
        List<String> jfrView = List.of(jdk25.resolve("bin/jfr").toString(), "view", "contention-by-site",
                file.toString());
        List<String> cli = List.of(javaBin(null), "-Xmx1g", "-jar", cliJar.toString(), "analyze", "--only",
                "monitors", file.toString(), "--format", "json", "-o", "/dev/null");
        List<String> lib = readerCommand("1g", System.getProperty("java.class.path"), "lockscope-monitors", file,
                null);
        List<Double> ratios = new ArrayList<>();
        System.out.println();
        System.out.println("| pair | (d) jfr view s | lockscope --only monitors (CLI) s | library s | (d) / CLI |"
                + " (d) RSS MB | CLI RSS MB |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        for (int i = 1; i <= n; i++) {
            ChildRun d = ChildRun.run(jfrView, timeout);
            ChildRun c = ChildRun.run(cli, timeout);
            ChildRun l = ChildRun.run(lib, timeout);
            for (ChildRun r : List.of(d, c, l)) {
                if (r.exitCode() != 0 || r.timedOut()) {
                    System.err.println("AnalyzerBenchmark: failed: " + r.command() + ": " + r.lastErrorLine());
                    System.exit(1);
                }
            }
            double ratio = d.wallSeconds() / c.wallSeconds();
            ratios.add(ratio);
            System.out.printf(Locale.ROOT, "| %d | %.2f | %.2f | %.2f | %.2fx | %d | %d |%n", i, d.wallSeconds(),
                    c.wallSeconds(), l.wallSeconds(), ratio, d.peakRssKib() / 1024, c.peakRssKib() / 1024);
        }
        ratios.sort(null);
        System.out.printf(Locale.ROOT, "%nMedian (d) wall time / lockscope CLI wall time: %.2fx over %d pairs (above 1:"
                + " lockscope faster)%n", ratios.get(ratios.size() / 2), n);
    }

    private static ChildRun run(List<Row> rows, String way, String xmx, String readerCase, Path file, long timeout,
                                Path jdk) throws IOException, InterruptedException {
        ChildRun r = ChildRun.run(readerCommand(xmx, System.getProperty("java.class.path"), readerCase, file, jdk),
                timeout);
        rows.add(new Row(way, xmx, jdk == null ? CURRENT : 25, r, ""));
        report(rows.get(rows.size() - 1));
        return r;
    }

    private static List<String> readerCommand(String xmx, String classPath, String readerCase, Path file, Path jdk) {
        return List.of(javaBin(jdk), "-Xmx" + xmx, "-XX:+ExitOnOutOfMemoryError", "-cp", classPath,
                ReaderCase.class.getName(), readerCase, file.toString());
    }

    private static void report(Row row) {
        ChildRun r = row.run();
        System.err.printf(Locale.ROOT, "AnalyzerBenchmark: %-50s -Xmx%-7s %7.1f s  exit %d%n", row.way().strip(),
                row.xmx(), r.wallSeconds(), r.exitCode());
    }

    private static void print(List<Row> rows, Path file, double mb, long lockEvents) {
        System.out.printf(Locale.ROOT, "%nFile %s: %.0f MB, %d lock events (counted by (a))%n%n", file, mb,
                lockEvents);
        System.out.println("| way | JDK | -Xmx | wall s | MB/s | lock events/s | vs (a) on same JDK | peak RSS MB | note |");
        System.out.println("|---|---:|---|---:|---:|---:|---:|---:|---|");
        for (Row row : rows) {
            ChildRun r = row.run();
            boolean ok = r.exitCode() == 0 && !r.timedOut();
            boolean peer = row.way().startsWith("(d)");
            Row a = rows.stream().filter(x -> x.way().startsWith("(a)") && x.jdk() == row.jdk()).findFirst()
                    .orElse(null);
            String ratio = ok && !peer && a != null
                    ? String.format(Locale.ROOT, "%.2fx", a.run().wallSeconds() / r.wallSeconds()) : "-";
            System.out.printf(Locale.ROOT, "| %s | %d | %s | %.1f | %s | %s | %s | %d | %s |%n", row.way(), row.jdk(),
                    row.xmx(), r.wallSeconds(), ok ? String.format(Locale.ROOT, "%.1f", mb / r.wallSeconds()) : "-",
                    ok && !peer ? String.format(Locale.ROOT, "%.0f", lockEvents / r.wallSeconds()) : "-", ratio,
                    r.peakRssKib() / 1024, note(row));
        }
        System.out.println();
        System.out.println("Wall time is the child process's whole life (JVM start included), one run each; peak RSS"
                + " is its VmHWM.");
    }

    private static String note(Row row) {
        ChildRun r = row.run();
        if (r.timedOut()) {
            return "stopped after " + Math.round(r.wallSeconds()) + " s (time limit)";
        }
        if (r.exitCode() != 0) {
            if ((r.stdout() + r.stderr()).contains("OutOfMemoryError")) {
                return "out of memory (Java heap) after " + Math.round(r.wallSeconds()) + " s";
            }
            return "failed, exit " + r.exitCode() + ": " + r.lastErrorLine();
        }
        return row.note();
    }

    private static String javaBin(Path jdk) {
        Path home = jdk != null ? jdk : Paths.get(System.getProperty("java.home"));
        return home.resolve("bin/java").toString();
    }

    /** A JDK of at least {@code feature} under /usr/lib/jvm (read from its release file), or null. */
    static Path findJdk(int feature) throws IOException {
        Path jvms = Paths.get("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (Stream<Path> dirs = Files.list(jvms)) {
            for (Path d : (Iterable<Path>) dirs.sorted()::iterator) {
                Path release = d.resolve("release");
                if (!Files.isRegularFile(release) || !Files.isExecutable(d.resolve("bin/jfr"))) {
                    continue;
                }
                for (String line : Files.readAllLines(release)) {
                    if (line.startsWith("JAVA_VERSION=")) {
                        String v = line.substring(13).replace("\"", "");
                        int major = Integer.parseInt(v.split("[.+-]")[0]);
                        if (major >= feature) {
                            return d;
                        }
                    }
                }
            }
        }
        return null;
    }
}
