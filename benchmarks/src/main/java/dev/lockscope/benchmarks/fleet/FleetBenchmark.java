package dev.lockscope.benchmarks.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code lockscope analyze} over a fleet's recordings (issue 24): builds the corpus once ({@link FleetCorpus}), then
 * runs the CLI as a user does (its own JVM, with the launcher's JVM options, {@link #LAUNCHER_JVM}) over all of them, in text and JSON, and
 * over one JVM's files alone and the same chunks as one file, each under {@code /usr/bin/time}: wall time, files/s,
 * MB/s (10^6 bytes), CPU use ((user + sys) / wall: 2.0 is both cores of a 2-CPU machine busy) and peak RSS. Not a test;
 * run it alone on a quiet machine.
 *
 * <p>Usage: {@code FleetBenchmark [--corpus DIR] [--files N] [--file-mb M] [--large-mb M] [--large-app NAME]
 * [--apps NAME,...] [--jdks JAVA_HOME,...] [--concurrent N] [--max-minutes N] [--jobs N] [--rebuild] [--root DIR]}
 */
public final class FleetBenchmark {
    static final String USAGE = "usage: FleetBenchmark [--corpus DIR] [--files N] [--file-mb M] [--large-mb M] "
            + "[--large-app NAME] [--apps NAME,...] [--jdks JAVA_HOME,...] [--concurrent N] [--max-minutes N] "
            + "[--jobs N] [--rebuild] [--root DIR]";

    /**
     * The JVM options the {@code lockscope} launcher gives the CLI (its heap cap and collector), so the runs measure
     * what users run; {@code FleetLauncherOptionsTest} holds the two together.
     */
    static final List<String> LAUNCHER_JVM = List.of("--enable-native-access=ALL-UNNAMED", "-Xmx640m",
            "-XX:+UseParallelGC");

    /** One measured run of the CLI. */
    record Measured(String label, int files, long bytes, double wallSeconds, double userSeconds, double sysSeconds,
                    long peakRssKib, int exitCode, String lastError) {
        double cpu() {
            return (userSeconds + sysSeconds) / wallSeconds;
        }

        double mbPerSecond() {
            return bytes / 1e6 / wallSeconds;
        }
    }

    private FleetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        Path root = Path.of(".");
        Path corpusDir = null;
        int files = 200;
        int fileMb = 20;
        int largeMb = 1024;
        String largeApp = "log4j2-logging";
        List<String> apps = Workload.names();
        List<Path> jdks = null;
        int concurrent = 3;
        long maxMinutes = 15;
        Integer jobs = null;
        boolean rebuild = false;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--root" -> root = Path.of(value(args, ++i, a));
                    case "--corpus" -> corpusDir = Path.of(value(args, ++i, a));
                    case "--files" -> files = positive(value(args, ++i, a), a);
                    case "--file-mb" -> fileMb = positive(value(args, ++i, a), a);
                    case "--large-mb" -> largeMb = positive(value(args, ++i, a), a);
                    case "--large-app" -> largeApp = value(args, ++i, a);
                    case "--apps" -> apps = Arrays.asList(value(args, ++i, a).split(","));
                    case "--jdks" -> jdks = Arrays.stream(value(args, ++i, a).split(",")).map(Path::of).toList();
                    case "--concurrent" -> concurrent = positive(value(args, ++i, a), a);
                    case "--max-minutes" -> maxMinutes = positive(value(args, ++i, a), a);
                    case "--jobs" -> jobs = positive(value(args, ++i, a), a);
                    case "--rebuild" -> rebuild = true;
                    default -> throw new IllegalArgumentException("unknown argument " + a);
                }
            }
            if (!apps.contains(largeApp)) {
                throw new IllegalArgumentException("--large-app " + largeApp + " is not among --apps " + apps);
            }
        } catch (IllegalArgumentException e) {
            err.println(USAGE + ": " + e.getMessage());
            return 2;
        }
        root = root.toAbsolutePath().normalize();
        Path cliJar = root.resolve("analyzer/target/lockscope.jar");
        Path jfc = root.resolve("jfr-events/src/main/resources/dev/lockscope/events/lockscope.jfc");
        for (Path p : List.of(cliJar, jfc, Path.of("/usr/bin/time"))) {
            if (!Files.exists(p)) {
                err.println("not found: " + p + " (run from the repository's root, or --root DIR; /usr/bin/time is GNU "
                        + "time)");
                return 1;
            }
        }
        if (corpusDir == null) {
            corpusDir = root.resolve("benchmarks/target/fleet-corpus");
        }
        if (rebuild) {
            FleetCorpus.deleteTree(corpusDir);
        }
        if (jdks == null) {
            jdks = defaultJdks();
        }
        FleetCorpus.Corpus corpus = FleetCorpus.getOrBuild(new FleetCorpus.Options(corpusDir, files, fileMb, largeMb,
                largeApp, apps, jdks, concurrent, maxMinutes * 60, root, jfc), err);
        if (corpus.files().isEmpty()) {
            err.println("the corpus has no recordings (see the lines above)");
            return 1;
        }
        // The same page-cache state for every way: every file read once before the first measurement.
        warm(corpus.files());
        warm(List.of(corpus.large()));
        Path outDir = Files.createDirectories(corpusDir.resolve("reports"));
        List<Measured> rows = new ArrayList<>();
        rows.add(measure("fleet, all files, text", corpus.files(), "text", outDir, cliJar, root, jobs));
        rows.add(measure("fleet, all files, JSON", corpus.files(), "json", outDir, cliJar, root, jobs));
        if (!corpus.largeParts().isEmpty()) {
            rows.add(measure("one JVM's files (" + corpus.largeParts().size() + ")", corpus.largeParts(), "text",
                    outDir, cliJar, root, jobs));
            rows.add(measure("the same chunks as one file", List.of(corpus.large()), "text", outDir, cliJar, root,
                    jobs));
        }
        out.println("## lockscope analyze over a fleet's recordings");
        out.println();
        corpus.description().forEach(l -> out.println("- " + l));
        out.printf(Locale.ROOT, "- machine: %d CPUs (Runtime.availableProcessors), analyzer on %s, %s, %s%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"),
                String.join(" ", LAUNCHER_JVM.subList(1, LAUNCHER_JVM.size())),
                jobs == null ? "--jobs default" : "--jobs " + jobs);
        out.println(table(rows));
        Measured fleet = rows.get(0);
        Measured one = rows.size() > 3 ? rows.get(3) : null;
        if (one != null && one.exitCode() == 0 && fleet.exitCode() == 0) {
            out.printf(Locale.ROOT, "%nper MB, the fleet against one large file: %.2fx the speed (%.1f vs %.1f MB/s); "
                    + "goal: at least 1.0x, CPU near 2.0, peak RSS under 1 GB%n", fleet.mbPerSecond() / one.mbPerSecond(),
                    fleet.mbPerSecond(), one.mbPerSecond());
        }
        return rows.stream().allMatch(m -> m.exitCode() == 0 || m.exitCode() == 3) ? 0 : 1;
    }

    /** Runs {@code lockscope analyze} on {@code files} under /usr/bin/time. */
    static Measured measure(String label, List<Path> files, String format, Path outDir, Path cliJar, Path root,
                            Integer jobs) throws IOException, InterruptedException {
        Path timing = Files.createTempFile("lockscope-fleet", ".time");
        Path err = Files.createTempFile("lockscope-fleet", ".err");
        try {
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S %M", "-o", timing.toString(),
                    Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            cmd.addAll(LAUNCHER_JVM);
            cmd.addAll(List.of("-Dlockscope.home=" + root, "-jar", cliJar.toString(), "analyze", "--format", format,
                    "-o", outDir.resolve(label.replaceAll("[^A-Za-z0-9]+", "-") + "." + format).toString()));
            if (jobs != null) {
                cmd.addAll(List.of("--jobs", jobs.toString()));
            }
            files.forEach(f -> cmd.add(f.toString()));
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(err.toFile()).start();
            int code = p.waitFor();
            String[] t = Files.readString(timing).trim().split("\\s+");
            String[] time = Arrays.copyOfRange(t, t.length - 4, t.length); // after any "Command exited..." line
            long bytes = 0;
            for (Path f : files) {
                bytes += Files.size(f);
            }
            List<String> errLines = Files.readAllLines(err);
            return new Measured(label, files.size(), bytes, Double.parseDouble(time[0]), Double.parseDouble(time[1]),
                    Double.parseDouble(time[2]), Long.parseLong(time[3]), code,
                    errLines.isEmpty() ? "" : errLines.get(errLines.size() - 1));
        } finally {
            Files.deleteIfExists(timing);
            Files.deleteIfExists(err);
        }
    }

    static String table(List<Measured> rows) {
        StringBuilder b = new StringBuilder();
        b.append("| run | files | MB | wall s | files/s | MB/s | CPU (user+sys)/wall | peak RSS MiB | exit |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Measured m : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.1f | %.1f | %.1f | %.2f | %.0f | %s |%n",
                    m.label(), m.files(), m.bytes() / 1e6, m.wallSeconds(), m.files() / m.wallSeconds(),
                    m.mbPerSecond(), m.cpu(), m.peakRssKib() / 1024.0,
                    m.exitCode() == 0 ? "0" : m.exitCode() + ": " + m.lastError().replace("|", "/")));
        }
        return b.toString();
    }

    /** This JVM's JDK, and the first JDK 25 or later under /usr/lib/jvm (skipped with a line if there is none). */
    static List<Path> defaultJdks() throws IOException {
        List<Path> jdks = new ArrayList<>();
        Path mine = Path.of(System.getProperty("java.home"));
        jdks.add(mine);
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> s = Files.list(jvms)) {
                for (Path p : s.sorted().toList()) {
                    String label = FleetCorpus.jdkLabel(p);
                    if (Files.isExecutable(p.resolve("bin/java")) && label.matches("jdk\\d+")
                            && Integer.parseInt(label.substring(3)) >= 25) {
                        jdks.add(p);
                        break;
                    }
                }
            }
        }
        if (jdks.size() == 1) {
            System.err.println("[run-fleet] no JDK 25 or later under /usr/lib/jvm: the corpus is of "
                    + FleetCorpus.jdkLabel(mine) + " only");
        }
        return jdks;
    }

    private static void warm(List<Path> files) throws IOException {
        byte[] buf = new byte[1 << 20];
        for (Path f : files) {
            if (Files.isRegularFile(f)) {
                try (InputStream in = Files.newInputStream(f)) {
                    while (in.read(buf) >= 0) {
                        // reading is the point: the page cache keeps it
                    }
                }
            }
        }
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static int positive(String v, String flag) {
        try {
            int n = Integer.parseInt(v);
            if (n < 1) {
                throw new IllegalArgumentException(flag + " must be at least 1: " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a whole number: " + v);
        }
    }
}
