package dev.lockscope.benchmarks.realworld;

import dev.lockscope.benchmarks.Medians;
import dev.lockscope.benchmarks.agent.AgentOverhead;
import dev.lockscope.benchmarks.agent.PairedRatios;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What lockscope's agent costs real third-party applications (examples/realworld), beside its peers: each
 * application's driver runs in a child JVM per configuration, the configurations rotated by one each round, and
 * the figures the drivers print (time to ready, throughput, process CPU per op, peak RSS) are compared paired by
 * round with {@link PairedRatios}.
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.lockscope.benchmarks.realworld.RealWorldCost
 *     [--apps NAME,NAME] [--configs NAME,NAME] [--agent OPTIONS]... [--agent-jar NAME=JAR]... [--rounds N]
 *     [--seconds N] [--warmup N] [--threads N] [--root DIR]</pre>
 * Run from the repository's root (or give it as {@code --root}): the agent jar, lockscope.jfc and the applications'
 * modules are found under it. An application whose module has no {@code target/app-classpath.txt} is skipped with a
 * line. Each run gets a fresh working directory (also its {@code java.io.tmpdir}), deleted afterwards; a run that
 * exits non-zero, times out, or whose tool did not start or wrote no recording is reported and not counted.
 */
public final class RealWorldCost {
    static final String BASELINE = "no agent";
    static final String LOCKSCOPE = "lockscope agent";
    static final String JFR_LOCKSCOPE = "JFR lockscope.jfc";
    static final String ASYNC_PROFILER = "async-profiler lock=10us";
    static final String JFR_PARK = "JFR ThreadPark 20us";
    /** lockscope.jfc with the events the holder profile reads switched off: beside JFR_LOCKSCOPE, their own cost. */
    static final String JFR_LOCKSCOPE_NO_HOLDERS = "JFR lockscope.jfc without holder events";
    /** The configurations by name, in the order of a round that is not rotated. */
    static final List<String> CONFIGS = List.of(BASELINE, LOCKSCOPE, JFR_LOCKSCOPE, ASYNC_PROFILER, JFR_PARK,
            JFR_LOCKSCOPE_NO_HOLDERS);
    /** The events lockscope.jfc records only for the holder profile (what owners did while others waited). */
    static final List<String> HOLDER_EVENTS = List.of("jdk.ExecutionSample", "jdk.NativeMethodSample", "jdk.ThreadSleep",
            "jdk.FileRead", "jdk.FileWrite", "jdk.FileForce", "jdk.SocketRead", "jdk.SocketWrite", "jdk.GCPhasePause",
            "jdk.SafepointBegin", "jdk.ExecuteVMOperation");

    /** The applications: module under examples/realworld, and its driver's main class. */
    public static final Map<String, String> APPS = new LinkedHashMap<>();

    static {
        APPS.put("spring-service", "dev.lockscope.realworld.spring.SpringServiceDriver");
        APPS.put("kafka-broker", "dev.lockscope.realworld.kafka.KafkaDriver");
        APPS.put("log4j2-logging", "dev.lockscope.realworld.log4j2.Log4j2Driver");
        APPS.put("hikari-pool", "dev.lockscope.realworld.hikari.HikariDriver");
        APPS.put("guava-cache", "dev.lockscope.realworld.guava.GuavaCacheDriver");
    }

    /** One figure a driver prints, how it is shown, and which way is better. */
    record Figure(String key, String column, String title, boolean cost, double scale, String format) {
    }

    static final List<Figure> FIGURES = List.of(
            new Figure("ready.ms", "median ready.ms", "time to ready", true, 1, "%.0f"),
            new Figure("ops.per.second", "median ops/s", "throughput", false, 1, "%.1f"),
            new Figure("cpu.ns.per.op", "median CPU ns/op", "CPU per op", true, 1, "%.0f"),
            new Figure("cpu.ns.per.op.without.jit", "median CPU ns/op without JIT", "CPU per op without the JIT compilers",
                    true, 1, "%.0f"),
            new Figure("rss.peak.kb", "median peak RSS MB", "peak RSS", true, 1.0 / 1024, "%.1f"),
            new Figure("heap.live.kb", "median live heap MB", "live heap after a full GC", true, 1.0 / 1024, "%.1f"));
    static final String RSS = "rss.peak.kb";
    /** Figures whose paired lines also give the median difference in MB (for the agent: its memory, its retained heap). */
    static final List<String> MEGABYTES = List.of(RSS, "heap.live.kb");
    /** The goal for the agent's memory: at most this many MB of peak RSS over no agent. */
    static final double RSS_GOAL_MB = 50;

    private static final String USAGE = "usage: RealWorldCost [--apps NAME,NAME] [--configs NAME,NAME] [--agent OPTIONS]..."
            + " [--agent-jar NAME=JAR]... [--jvm ARG]... [--rounds N] [--seconds N] [--warmup N] [--threads N] [--root DIR]";

    /**
     * The harness's options; {@code configs} null means every configuration, {@code threads} 0 the driver's default;
     * {@code jvmArgs} are given to every configuration alike (e.g. {@code -Xmx1g}: a fixed heap keeps G1's heap
     * sizing out of the peak RSS, so that figure is the tools' own memory); {@code agentJars} are other builds of the
     * agent by name (e.g. the one before a change), each run at its defaults beside this build's.
     */
    record Options(List<String> apps, List<String> configs, List<String> agentVariants, Map<String, Path> agentJars,
                   List<String> jvmArgs, int rounds, double seconds, double warmup, int threads, Path root) {
    }

    /** A wrong argument: one line on stderr, exit 2. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** One child run: its exit code, why it is not counted (null when it is), its figures and its stderr. */
    record Run(int exit, String failure, Map<String, Double> figures, String stderr) {
        /** The figure, or NaN when the run is not counted, the driver did not print it, or printed it as unknown (< 0). */
        double figure(String key) {
            Double v = figures.get(key);
            return failure != null || v == null || v < 0 ? Double.NaN : v;
        }

        List<String> agentLines() {
            return stderr.lines().filter(l -> l.startsWith("[lockscope]")).toList();
        }
    }

    /** A configuration: its JVM arguments, and the recording file (in the run's directory) its tool must write, or null. */
    record Config(String[] jvmArgs, String recording) {
    }

    private RealWorldCost() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        Options o;
        try {
            o = parse(args);
        } catch (UsageException e) {
            err.println(USAGE + ": " + e.getMessage());
            return 2;
        }
        Path root = o.root().toAbsolutePath().normalize();
        Path agentJar = root.resolve("agent/target/lockscope-agent.jar");
        Path lockscopeJfc = root.resolve("jfr-events/src/main/resources/dev/lockscope/events/lockscope.jfc");
        List<Path> needed = new ArrayList<>(List.of(agentJar, lockscopeJfc));
        needed.addAll(o.agentJars().values());
        for (Path p : needed) {
            if (!Files.isRegularFile(p)) {
                err.println("not found: " + p + " (run from the repository's root, or --root DIR; build: mvn -B -ntp -pl benchmarks -am package -DskipTests)");
                return 1;
            }
        }
        Map<String, Path> modules = new LinkedHashMap<>();
        for (String app : o.apps()) {
            Path module = root.resolve("examples/realworld").resolve(app);
            if (Files.isRegularFile(module.resolve("target/app-classpath.txt"))) {
                modules.put(app, module);
            } else {
                out.println("skipped " + app + ": no " + root.relativize(module.resolve("target/app-classpath.txt"))
                        + " (mvn -B -ntp -q -f examples/realworld/pom.xml package -DskipTests)");
            }
        }
        if (modules.isEmpty()) {
            err.println("no application built under " + root.resolve("examples/realworld"));
            return 1;
        }

        Path tmp = Files.createTempDirectory("lockscope-realworld-bench");
        try {
            Map<String, Config> configs = configs(o, agentJar, lockscopeJfc, tmp);
            for (Map.Entry<String, Config> c : configs.entrySet()) {
                String refused = AgentOverhead.agentRefusal(c.getValue().jvmArgs());
                if (refused != null) {
                    err.println("configuration '" + c.getKey() + "' would run without the agent: " + refused);
                    return 1;
                }
            }
            out.printf(Locale.ROOT, "%d rounds of %s s measured after %s s warm-up%s%s, %s; configurations: %s%n", o.rounds(),
                    num(o.seconds()), num(o.warmup()), o.threads() > 0 ? " on " + o.threads() + " load threads" : "",
                    o.jvmArgs().isEmpty() ? "" : ", every JVM with " + String.join(" ", o.jvmArgs()),
                    Runtime.version(), String.join(", ", configs.keySet()));
            for (Map.Entry<String, Path> m : modules.entrySet()) {
                runApp(m.getKey(), m.getValue(), configs, o, out, err);
            }
        } finally {
            AgentOverhead.deleteTree(tmp);
        }
        return 0;
    }

    static Options parse(String[] args) throws UsageException {
        List<String> apps = new ArrayList<>(APPS.keySet());
        List<String> configs = null;
        List<String> agentVariants = new ArrayList<>();
        Map<String, Path> agentJars = new LinkedHashMap<>();
        List<String> jvmArgs = new ArrayList<>();
        int rounds = 1;
        double seconds = 10;
        double warmup = 5;
        int threads = 0;
        Path root = Path.of(".");
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (!flag.startsWith("--")) {
                throw new UsageException("unexpected argument '" + flag + "'");
            }
            if (i + 1 >= args.length) {
                throw new UsageException(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--apps" -> {
                    apps = names(value);
                    for (String a : apps) {
                        if (!APPS.containsKey(a)) {
                            throw new UsageException("unknown application '" + a + "' (known: " + String.join(", ", APPS.keySet()) + ")");
                        }
                    }
                }
                case "--configs" -> {
                    configs = names(value);
                    for (String c : configs) {
                        if (!CONFIGS.contains(c)) {
                            throw new UsageException("unknown configuration '" + c + "' (known: " + String.join(", ", CONFIGS) + ")");
                        }
                    }
                }
                case "--agent" -> agentVariants.add(value);
                case "--agent-jar" -> {
                    int eq = value.indexOf('=');
                    if (eq <= 0 || eq == value.length() - 1) {
                        throw new UsageException("--agent-jar takes NAME=JAR (another build of the agent), not '" + value + "'");
                    }
                    agentJars.put(value.substring(0, eq), Path.of(value.substring(eq + 1)));
                }
                case "--jvm" -> {
                    if (!value.startsWith("-")) {
                        throw new UsageException("--jvm takes a JVM option such as -Xmx1g, not '" + value + "'");
                    }
                    jvmArgs.add(value);
                }
                case "--rounds" -> rounds = (int) number(flag, value, 1, true);
                case "--seconds" -> seconds = number(flag, value, Double.MIN_VALUE, false);
                case "--warmup" -> warmup = number(flag, value, 0, false);
                case "--threads" -> threads = (int) number(flag, value, 1, true);
                case "--root" -> root = Path.of(value);
                default -> throw new UsageException("unknown option " + flag);
            }
        }
        if (apps.isEmpty()) {
            throw new UsageException("--apps names no application");
        }
        return new Options(List.copyOf(apps), configs == null ? null : List.copyOf(configs), List.copyOf(agentVariants),
                java.util.Collections.unmodifiableMap(agentJars), List.copyOf(jvmArgs), rounds, seconds, warmup, threads, root);
    }

    private static List<String> names(String value) {
        return java.util.Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }

    private static double number(String flag, String value, double min, boolean integer) throws UsageException {
        double v;
        try {
            v = integer ? Integer.parseInt(value) : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " takes a" + (integer ? "n integer" : " number") + ", not '" + value + "'");
        }
        if (!(v >= min) || Double.isInfinite(v)) {
            throw new UsageException(flag + " must be " + (min == Double.MIN_VALUE ? "> 0" : ">= " + num(min)) + ", not '" + value + "'");
        }
        return v;
    }

    /** The configurations this run compares, "no agent" first; peers' files (library, settings) go into {@code tmp}. */
    static Map<String, Config> configs(Options o, Path agentJar, Path lockscopeJfc, Path tmp) throws IOException {
        Map<String, Config> configs = new LinkedHashMap<>();
        for (String name : CONFIGS) {
            if (!name.equals(BASELINE) && o.configs() != null && !o.configs().contains(name)) {
                continue;
            }
            switch (name) {
                case BASELINE -> configs.put(name, new Config(new String[0], null));
                // The agent with its defaults, as a user starts it (log=stderr included: its lines are shown).
                case LOCKSCOPE -> configs.put(name, new Config(new String[] {"-javaagent:" + agentJar}, null));
                // Recordings are named relative to the run's fresh working directory.
                case JFR_LOCKSCOPE -> configs.put(name, new Config(
                        new String[] {"-XX:StartFlightRecording:settings=" + lockscopeJfc + ",filename=lockscope-jfc.jfr"}, "lockscope-jfc.jfr"));
                case ASYNC_PROFILER -> configs.put(name, new Config(new String[] {"-agentpath:"
                        + AgentOverhead.asyncProfilerLibrary(tmp) + "=start,event=lock,lock=10us,jfr,file=async-profiler.jfr"}, "async-profiler.jfr"));
                case JFR_PARK -> configs.put(name, new Config(new String[] {"-XX:StartFlightRecording:settings="
                        + AgentOverhead.threadParkJfc(tmp.resolve("park20us.jfc"), "20 us") + ",filename=park.jfr"}, "park.jfr"));
                case JFR_LOCKSCOPE_NO_HOLDERS -> configs.put(name, new Config(new String[] {"-XX:StartFlightRecording:settings="
                        + withoutHolderEvents(lockscopeJfc, tmp.resolve("lockscope-no-holders.jfc")) + ",filename=no-holders.jfr"},
                        "no-holders.jfr"));
                default -> throw new IllegalStateException(name);
            }
        }
        for (String options : o.agentVariants()) {
            configs.put(LOCKSCOPE + " " + options, new Config(new String[] {"-javaagent:" + agentJar + "=" + options}, null));
        }
        o.agentJars().forEach((name, jar) -> configs.put(LOCKSCOPE + " " + name,
                new Config(new String[] {"-javaagent:" + jar.toAbsolutePath()}, null)));
        return configs;
    }

    /** Writes lockscope.jfc with {@link #HOLDER_EVENTS} disabled to {@code to}; fails if one of them is not in it. */
    static Path withoutHolderEvents(Path lockscopeJfc, Path to) throws IOException {
        String jfc = Files.readString(lockscopeJfc);
        for (String event : HOLDER_EVENTS) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(<event name=\"" + java.util.regex.Pattern.quote(event)
                    + "\">\\s*<setting name=\"enabled\">)true(</setting>)").matcher(jfc);
            if (!m.find()) {
                throw new IllegalStateException("lockscope.jfc does not enable " + event + " the way this benchmark expects");
            }
            jfc = m.replaceFirst("$1false$2");
        }
        return Files.writeString(to, jfc);
    }

    /** The configurations' names in the order round {@code round} runs them (AgentOverhead's rotation). */
    static List<String> order(Map<String, String[]> configs, int round) {
        return AgentOverhead.rotated(configs, round).stream().map(Map.Entry::getKey).toList();
    }

    private static void runApp(String app, Path module, Map<String, Config> configs, Options o, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        String main = APPS.get(app);
        String classPath = module.resolve("target/classes") + java.io.File.pathSeparator
                + Files.readString(module.resolve("target/app-classpath.txt")).trim();
        out.println("\n## " + app + " (" + main + ")");
        Map<String, String[]> byName = new LinkedHashMap<>();
        configs.forEach((k, v) -> byName.put(k, v.jvmArgs()));
        Map<String, List<Run>> runs = new LinkedHashMap<>();
        configs.keySet().forEach(k -> runs.put(k, new ArrayList<>()));
        for (int round = 0; round < o.rounds(); round++) {
            for (String name : order(byName, round)) {
                long t0 = System.nanoTime();
                Run r = runOnce(configs.get(name), classPath, main, o);
                runs.get(name).add(r);
                err.printf(Locale.ROOT, "[run-realworld] %s round %d/%d, %s: %s, %.1f ops/s (%.1f s)%n", app, round + 1, o.rounds(), name,
                        r.failure() == null ? "ok" : r.failure(), r.figure("ops.per.second"), (System.nanoTime() - t0) / 1e9);
                if (r.failure() != null) {
                    out.println("round " + (round + 1) + ", " + name + ": " + r.failure() + " (not counted); stderr ends:");
                    List<String> lines = r.stderr().lines().toList();
                    lines.subList(Math.max(0, lines.size() - 5), lines.size()).forEach(l -> out.println("    " + l));
                }
            }
        }
        out.println();
        out.println(table(runs));
        for (String name : configs.keySet()) {
            if (name.startsWith("lockscope")) {
                List<String> lines = runs.get(name).get(0).agentLines();
                out.println("\n" + name + ", the agent's stderr in round 1:" + (lines.isEmpty() ? " (none)" : ""));
                lines.forEach(l -> out.println("    " + l));
            }
        }
        out.println("\npaired by round (the first / the second, each round run side by side):");
        out.print(pairs(runs, o.agentJars().keySet().stream().map(n -> LOCKSCOPE + " " + n).toList()));
    }

    /** Runs the driver once in a fresh working directory (deleted afterwards) and reads its figures and exit code. */
    private static Run runOnce(Config config, String classPath, String main, Options o) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("lockscope-realworld-run");
        try {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(o.jvmArgs());
            cmd.addAll(List.of(config.jvmArgs()));
            // Whatever the application, its tool or the agent put into the temp directory goes with the run.
            cmd.add("-Djava.io.tmpdir=" + dir);
            cmd.add("-cp");
            cmd.add(classPath);
            cmd.add(main);
            cmd.addAll(List.of("--seconds", num(o.seconds()), "--warmup", num(o.warmup())));
            if (o.threads() > 0) {
                cmd.addAll(List.of("--threads", Integer.toString(o.threads())));
            }
            Path stdout = dir.resolve("driver.stdout");
            Path stderr = dir.resolve("driver.stderr");
            Process p = new ProcessBuilder(cmd).directory(dir.toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            long timeout = 120 + (long) (3 * (o.seconds() + o.warmup()));
            boolean done = p.waitFor(timeout, TimeUnit.SECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            String err = Files.readString(stderr);
            int exit = done ? p.exitValue() : -1;
            String failure = null;
            if (!done) {
                failure = "timed out after " + timeout + " s";
            } else if (exit != 0) {
                failure = "exit code " + exit;
            } else if (err.contains("[lockscope] agent not started")) {
                failure = "the agent did not start";
            } else if (config.recording() != null && !(Files.isRegularFile(dir.resolve(config.recording()))
                    && Files.size(dir.resolve(config.recording())) > 0)) {
                failure = "no recording written (" + config.recording() + ")";
            }
            return new Run(exit, failure, figures(Files.readString(stdout)), err);
        } finally {
            AgentOverhead.deleteTree(dir);
        }
    }

    /** The driver's {@code key=value} lines whose value is a number; any other line is not a figure. */
    static Map<String, Double> figures(String stdout) {
        Map<String, Double> figures = new LinkedHashMap<>();
        for (String line : stdout.lines().toList()) {
            if (!line.matches("[a-z][a-z.]*=.*")) {
                continue;
            }
            int eq = line.indexOf('=');
            try {
                figures.put(line.substring(0, eq), Double.parseDouble(line.substring(eq + 1).trim()));
            } catch (NumberFormatException e) {
                // not a figure
            }
        }
        return figures;
    }

    static double[] values(List<Run> runs, Figure f) {
        return runs.stream().mapToDouble(r -> r.figure(f.key()) * f.scale()).toArray();
    }

    /** Per configuration, each figure's median over the rounds (counted runs only), and how many runs counted. */
    static String table(Map<String, List<Run>> runs) {
        StringBuilder sb = new StringBuilder("| configuration |");
        FIGURES.forEach(f -> sb.append(' ').append(f.column()).append(" |"));
        sb.append(" runs counted |\n|---|");
        FIGURES.forEach(f -> sb.append("---|"));
        sb.append("---|");
        for (Map.Entry<String, List<Run>> c : runs.entrySet()) {
            sb.append("\n| ").append(c.getKey()).append(" |");
            for (Figure f : FIGURES) {
                double m = Medians.of(values(c.getValue(), f));
                sb.append(' ').append(Double.isNaN(m) ? "-" : String.format(Locale.ROOT, f.format(), m)).append(" |");
            }
            long counted = c.getValue().stream().filter(r -> r.failure() == null).count();
            sb.append(' ').append(counted).append(" of ").append(c.getValue().size()).append(" |");
        }
        return sb.toString();
    }

    /**
     * Each configuration against "no agent", each lockscope configuration against each peer, and this build of the
     * agent against {@code otherBuilds} (configurations running other builds of it), per figure.
     */
    static String pairs(Map<String, List<Run>> runs, List<String> otherBuilds) {
        StringBuilder sb = new StringBuilder();
        for (Figure f : FIGURES) {
            if (runs.values().stream().allMatch(rs -> java.util.Arrays.stream(values(rs, f)).allMatch(Double::isNaN))) {
                continue; // e.g. time to ready of an application that is not a service
            }
            sb.append(f.title()).append(f.cost() ? " (lower is ahead" : " (higher is ahead")
                    .append(f.key().equals(RSS) ? "; goal for lockscope / no agent: at most +" + num(RSS_GOAL_MB) + " MB" : "")
                    .append("):\n");
            for (String a : runs.keySet()) {
                List<String> against = new ArrayList<>(AgentOverhead.comparedWith(a, runs.keySet()));
                if (a.equals(JFR_LOCKSCOPE) && runs.containsKey(JFR_LOCKSCOPE_NO_HOLDERS)) {
                    against.add(JFR_LOCKSCOPE_NO_HOLDERS); // the holder events' own cost
                }
                if (a.equals(LOCKSCOPE)) {
                    otherBuilds.stream().filter(runs::containsKey).forEach(against::add);
                }
                for (String b : against) {
                    double[] x = values(runs.get(a), f);
                    double[] y = values(runs.get(b), f);
                    sb.append("  ").append(a).append(" / ").append(b).append(": ")
                            .append(f.cost() ? PairedRatios.ofCost(x, y) : PairedRatios.of(x, y));
                    if (MEGABYTES.contains(f.key())) {
                        sb.append(String.format(Locale.ROOT, "; median difference %+.1f MB", medianDifference(x, y)));
                    }
                    sb.append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** The median of {@code a[i] - b[i]} over the rounds where both are numbers. */
    static double medianDifference(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return Medians.of(d);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
