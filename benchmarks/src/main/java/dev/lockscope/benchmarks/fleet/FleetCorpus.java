package dev.lockscope.benchmarks.fleet;

import dev.lockscope.analyzer.read.ChunkLayout;
import dev.lockscope.analyzer.read.RecordingException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds the fleet corpus once into a directory: recordings of about {@code fileMb} MB each, made by real workloads
 * in JVMs of several JDKs. Each JVM runs under lockscope.jfc with every threshold at 0 (so files fill in seconds, as a
 * busy service's fill in minutes) and JFR's repository chunk size at {@code fileMb}: JFR rotates its chunk file at
 * that size, and each chunk file is a recording of its own, copied out as soon as the next one begins. A few long JVM
 * runs thus give many files. The first run (one workload, the first JDK) makes at least {@code largeMb} MB: its chunks,
 * concatenated in order, are also the one large recording the fleet is compared with.
 */
final class FleetCorpus {
    static final String MARKER = "corpus.txt";
    static final String LARGE = "large/one-jvm.jfr";

    /** What to build. */
    record Options(Path dir, int files, int fileMb, int largeMb, String largeApp, List<String> apps, List<Path> jdks,
                   int concurrent, long maxSeconds, Path root, Path jfc) {
    }

    /** The corpus: its files, and the large recording with the files it was made of. */
    record Corpus(List<Path> files, Path large, List<Path> largeParts, List<String> description) {
    }

    /** One JVM run: a workload on a JDK, until it has made {@code quota} files or its time is up. */
    private record Run(Workload workload, Path javaHome, String jdk, int quota, boolean large) {
    }

    private FleetCorpus() {
    }

    /** The corpus in {@code o.dir()}: the one built there before, or a new one. */
    static Corpus getOrBuild(Options o, PrintStream log) throws IOException, InterruptedException {
        Path marker = o.dir().resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            build(o, log);
        } else {
            log.println("[run-fleet] using the corpus built before in " + o.dir() + " (delete it, or --rebuild, to "
                    + "make a new one)");
        }
        List<String> description = Files.readAllLines(marker);
        List<Path> files = jfrFiles(o.dir());
        List<Path> parts = new ArrayList<>();
        for (String line : description) {
            if (line.startsWith("large-part ")) {
                parts.add(o.dir().resolve(line.substring("large-part ".length())));
            }
        }
        return new Corpus(files, o.dir().resolve(LARGE), parts,
                description.stream().filter(l -> !l.startsWith("large-part ")).toList());
    }

    private static void build(Options o, PrintStream log) throws IOException, InterruptedException {
        Files.createDirectories(o.dir().resolve("large"));
        for (Path old : jfrFiles(o.dir())) {
            Files.delete(old);
        }
        Path jfc = Files.writeString(o.dir().resolve("fleet.jfc"), allThresholdsZero(Files.readString(o.jfc())));
        List<Run> runs = plan(o);
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(o.maxSeconds());
        // First every workload on every JDK, each for its share of two fifths of the time (the large run for as long
        // as it needs, in a place of its own); then the workloads that filled files fastest make the rest.
        // 90 s at least: a JVM's start, and a file from a workload that records some 0.2 MB/s.
        long share = Math.max(90, o.maxSeconds() * 2 / 5 * Math.max(1, o.concurrent() - 1)
                / Math.max(1, runs.size() - 1));
        log.printf(Locale.ROOT, "[run-fleet] building the corpus in %s: %d files of ~%d MB, %d JVMs at once, first "
                + "%d runs of at most %d s, then the fastest ones again; %d s in all%n", o.dir(), o.files(), o.fileMb(),
                o.concurrent(), runs.size(), share, o.maxSeconds());
        List<RunResult> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(o.concurrent());
        try {
            List<Future<RunResult>> first = new ArrayList<>();
            for (Run r : runs) {
                first.add(pool.submit(() -> runOnce(r, o, jfc, r.large() ? deadline
                        : Math.min(deadline, System.nanoTime() + TimeUnit.SECONDS.toNanos(share)), log)));
            }
            results.addAll(all(first));
            while (made(results) < o.files() && deadline - System.nanoTime() > TimeUnit.SECONDS.toNanos(60)) {
                List<Run> fastest = fastest(results, o.concurrent(), o.files() - made(results));
                if (fastest.isEmpty()) {
                    break;
                }
                List<Future<RunResult>> more = new ArrayList<>();
                for (Run r : fastest) {
                    more.add(pool.submit(() -> runOnce(r, o, jfc, deadline, log)));
                }
                List<RunResult> got = all(more);
                results.addAll(got);
                if (got.stream().allMatch(g -> g.files() == 0)) {
                    break;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "corpus: %d of %d files requested of ~%d MB, made in %.0f s by %d JVM runs "
                        + "(%d at once), lockscope.jfc with every threshold at 0, JFR maxchunksize=%dM, %s",
                made(results), o.files(), o.fileMb(), (System.nanoTime() - t0) / 1e9, results.size(), o.concurrent(),
                o.fileMb(), java.time.Instant.now()));
        List<Path> parts = new ArrayList<>();
        for (RunResult r : results) {
            lines.add(r.line());
            if (r.run().large()) {
                parts.addAll(r.copied());
                r.copied().forEach(c -> lines.add("large-part " + c.getFileName()));
            }
        }
        try (OutputStream out = Files.newOutputStream(o.dir().resolve(LARGE))) {
            for (Path p : parts) {
                Files.copy(p, out);
            }
        }
        Files.write(o.dir().resolve(MARKER), lines);
    }

    /** What one JVM run made. */
    private record RunResult(Run run, List<Path> copied, long bytes, double seconds, String line) {
        int files() {
            return copied.size();
        }
    }

    private static List<RunResult> all(List<Future<RunResult>> futures) throws IOException, InterruptedException {
        List<RunResult> out = new ArrayList<>();
        for (Future<RunResult> f : futures) {
            try {
                out.add(f.get());
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IOException("a corpus run failed: " + e.getCause(), e.getCause());
            }
        }
        return out;
    }

    private static int made(List<RunResult> results) {
        return results.stream().mapToInt(RunResult::files).sum();
    }

    /**
     * New runs of the {@code n} workloads (on their JDK) that filled files fastest, sharing {@code files} between
     * them: fresh JVMs, so the fleet keeps growing in JVMs too.
     */
    private static List<Run> fastest(List<RunResult> results, int n, int files) {
        java.util.Map<String, double[]> rate = new java.util.LinkedHashMap<>();
        java.util.Map<String, Run> runOf = new java.util.HashMap<>();
        for (RunResult r : results) {
            String key = r.run().workload().name() + " " + r.run().jdk();
            double[] v = rate.computeIfAbsent(key, k -> new double[2]);
            v[0] += r.bytes();
            v[1] += r.seconds();
            runOf.putIfAbsent(key, r.run());
        }
        List<String> keys = new ArrayList<>(rate.keySet());
        keys.removeIf(k -> rate.get(k)[0] == 0);
        keys.sort(Comparator.comparingDouble((String k) -> rate.get(k)[0] / rate.get(k)[1]).reversed());
        List<Run> out = new ArrayList<>();
        int take = Math.min(n, keys.size());
        for (int i = 0; i < take; i++) {
            Run r = runOf.get(keys.get(i));
            int quota = files / take + (i < files % take ? 1 : 0);
            if (quota > 0) {
                out.add(new Run(r.workload(), r.javaHome(), r.jdk(), quota, false));
            }
        }
        return out;
    }

    /** The runs: every workload on every JDK, the large one first; quotas adding up to the files asked for. */
    private static List<Run> plan(Options o) throws IOException {
        List<Run> runs = new ArrayList<>();
        for (Path jdk : o.jdks()) {
            for (String app : o.apps()) {
                runs.add(new Run(Workload.of(app, o.root()), jdk, jdkLabel(jdk), 0, false));
            }
        }
        int largeIndex = 0;
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).workload().name().equals(o.largeApp())) {
                largeIndex = i;
                break;
            }
        }
        Run large = runs.remove(largeIndex);
        int largeQuota = Math.min(o.files(), Math.max(1, (o.largeMb() + o.fileMb() - 1) / o.fileMb()));
        List<Run> out = new ArrayList<>();
        out.add(new Run(large.workload(), large.javaHome(), large.jdk(), largeQuota, true));
        int rest = o.files() - largeQuota;
        for (int i = 0; i < runs.size(); i++) {
            int quota = rest / runs.size() + (i < rest % runs.size() ? 1 : 0);
            if (quota > 0) {
                Run r = runs.get(i);
                out.add(new Run(r.workload(), r.javaHome(), r.jdk(), quota, false));
            }
        }
        return out;
    }

    /** Runs one JVM until it made its quota of chunk files (copied into the corpus) or {@code until}. */
    private static RunResult runOnce(Run r, Options o, Path jfc, long until, PrintStream log)
            throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("lockscope-fleet-run");
        Path repo = Files.createDirectories(work.resolve("repository"));
        long t0 = System.nanoTime();
        try {
            List<String> cmd = new ArrayList<>(List.of(r.javaHome().resolve("bin/java").toString(), "-Xmx512m",
                    "-XX:StartFlightRecording:settings=" + jfc,
                    "-XX:FlightRecorderOptions:repository=" + repo + ",maxchunksize=" + o.fileMb() + "M",
                    "-Djava.io.tmpdir=" + work, "-cp", r.workload().classPath(), r.workload().mainClass()));
            cmd.addAll(r.workload().args());
            Process p = new ProcessBuilder(cmd).directory(work.toFile())
                    .redirectOutput(work.resolve("out.txt").toFile()).redirectError(work.resolve("err.txt").toFile())
                    .start();
            // A harness stopped by a signal must not leave its workload running (one left behind grew to 22 GB RSS).
            Thread reaper = new Thread(() -> {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }, "fleet-corpus-reaper");
            Runtime.getRuntime().addShutdownHook(reaper);
            List<Path> copied = new ArrayList<>();
            List<Path> seen = new ArrayList<>();
            String prefix = r.workload().name() + "-" + r.jdk() + "-" + p.pid();
            while (copied.size() < r.quota() && System.nanoTime() < until && p.isAlive()) {
                Thread.sleep(250);
                List<Path> chunks = jfrFiles(repo);
                // Every file but the newest is complete: JFR has moved on to the next.
                for (int i = 0; i < chunks.size() - 1 && copied.size() < r.quota(); i++) {
                    Path c = chunks.get(i);
                    if (seen.contains(c)) {
                        continue;
                    }
                    Path to = o.dir().resolve(String.format(Locale.ROOT, "%s-%03d.jfr", prefix, copied.size()));
                    Files.copy(c, to, StandardCopyOption.REPLACE_EXISTING);
                    if (complete(to)) {
                        seen.add(c);
                        copied.add(to);
                    } else {
                        Files.delete(to); // its header not final yet: the next poll copies it again
                    }
                }
            }
            boolean died = !p.isAlive();
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            Runtime.getRuntime().removeShutdownHook(reaper);
            double secs = (System.nanoTime() - t0) / 1e9;
            long bytes = 0;
            for (Path c : copied) {
                bytes += Files.size(c);
            }
            String line = String.format(Locale.ROOT, "run %s on %s (pid %d): %d of %d files, %.0f MB in %.0f s "
                            + "(%.1f MB/s, its start included)%s%s", r.workload().name(), r.jdk(), p.pid(), copied.size(),
                    r.quota(), bytes / 1e6, secs, bytes / 1e6 / secs, r.large() ? ", the one-JVM recording" : "",
                    died ? ", ended by itself: " + lastLine(work.resolve("err.txt")) : "");
            log.println("[run-fleet] " + line);
            return new RunResult(r, List.copyOf(copied), bytes, secs, line);
        } finally {
            deleteTree(work);
        }
    }

    /** Whether a copied chunk file is one complete recording (its header final, nothing after it). */
    private static boolean complete(Path f) {
        try {
            ChunkLayout l = ChunkLayout.scan(f);
            return l.chunks() >= 1 && !l.truncated();
        } catch (RecordingException e) {
            return false;
        }
    }

    /** lockscope.jfc with every event's threshold at 0: every wait, sleep and I/O call is recorded. */
    static String allThresholdsZero(String jfc) {
        return jfc.replaceAll("(?<open><setting name=\"threshold\"[^>]*>)[^<]*(?<close></setting>)",
                "${open}0 ms${close}");
    }

    /** "jdk17", "jdk25": the major version in the JDK's release file. */
    static String jdkLabel(Path javaHome) throws IOException {
        Path release = javaHome.resolve("release");
        if (Files.isRegularFile(release)) {
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    int dot = v.indexOf('.');
                    return "jdk" + (dot < 0 ? v : v.substring(0, dot));
                }
            }
        }
        return "jdk" + javaHome.getFileName();
    }

    /** The .jfr files under {@code dir} (two levels: JFR's repository puts them in a folder per JVM), by name. */
    static List<Path> jfrFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.find(dir, 2, (p, a) -> a.isRegularFile() && p.toString().endsWith(".jfr")
                && !p.getParent().getFileName().toString().equals("large"))) {
            return s.sorted(Comparator.comparing(Path::toString)).toList();
        }
    }

    private static String lastLine(Path f) {
        try {
            List<String> lines = Files.readAllLines(f);
            return lines.isEmpty() ? "(no stderr)" : lines.get(lines.size() - 1);
        } catch (IOException e) {
            return "(no stderr)";
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
