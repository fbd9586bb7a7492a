package dev.lockscope.benchmarks.adapt;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Issue 6's proof: each verdict example run under the agent, plain and with {@code adapt=} swapping its
 * ReentrantLock for the adaptive lock, in alternating pairs in one run (ratios, not absolute times: the machine
 * is shared). Throughput is the example's own ops/s; futex calls are its workers' calls counted by native-probe's
 * eBPF sys_enter counter (measured), so the run needs root for the futex column.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.lockscope.benchmarks.adapt.AdaptCompare agent/target/lockscope-agent.jar \
 *      [--pairs 3] [--seconds 5] [--only short-holds]
 * </pre>
 */
public final class AdaptCompare {
    /** An example and what it is built to show. */
    record Case(String name, String mainClass, String verdict, List<String> args) {
    }

    static final List<Case> CASES = List.of(
            new Case("short-holds", "dev.lockscope.examples.ShortHoldsBusyLock", "adopt the adaptive lock", List.of()),
            new Case("long-hold", "dev.lockscope.examples.LongHoldLock", "shorten the critical section", List.of()),
            new Case("read-mostly", "dev.lockscope.examples.ReadMostlyCache", "read-write lock", List.of()),
            new Case("too-many-threads", "dev.lockscope.examples.TooManyThreads", "fewer threads", List.of()),
            new Case("oversubscribed-reentrant", "dev.lockscope.examples.OversubscribedReentrantLock", "fewer threads", List.of()));

    /** Examples whose lock is a monitor: adapt= swaps only new ReentrantLock, so there is nothing to compare. */
    static final java.util.Set<String> MONITOR_EXAMPLES = java.util.Set.of("too-many-threads");

    /** One child's figures. */
    record Run(double opsPerSecond, long futexCalls) {
    }

    private AdaptCompare() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || !Files.isRegularFile(Path.of(args[0]))) {
            System.err.println("usage: AdaptCompare AGENT_JAR [--pairs N] [--seconds S] [--only NAME]");
            System.exit(2);
        }
        Path agent = Path.of(args[0]).toAbsolutePath();
        int pairs = 3;
        double seconds = 5;
        String only = null;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--pairs" -> pairs = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--only" -> only = args[++i];
                default -> {
                    System.err.println("AdaptCompare: unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        String classpath = Path.of(AdaptCompare.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        System.out.println("| example | built for | pair | plain ops/s | adapt ops/s | ratio | plain futex | adapt futex | futex cut |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        for (Case c : CASES) {
            if (only != null && !only.equals(c.name())) {
                continue;
            }
            if (MONITOR_EXAMPLES.contains(c.name())) {
                System.out.printf("| %s | %s | - | | | n/a | | | n/a: its lock is synchronized; adapt= swaps only new ReentrantLock |%n",
                        c.name(), c.verdict());
                continue;
            }
            List<Double> ratios = new ArrayList<>();
            List<Double> cuts = new ArrayList<>();
            for (int p = 1; p <= pairs; p++) {
                // Alternate which goes first, so a drift of the machine's load favours neither.
                boolean adaptFirst = p % 2 == 0;
                Run first = run(agent, classpath, c, seconds, adaptFirst);
                Run second = run(agent, classpath, c, seconds, !adaptFirst);
                Run plain = adaptFirst ? second : first;
                Run adapt = adaptFirst ? first : second;
                double ratio = adapt.opsPerSecond() / plain.opsPerSecond();
                double cut = adapt.futexCalls() > 0 ? (double) plain.futexCalls() / adapt.futexCalls() : Double.NaN;
                ratios.add(ratio);
                cuts.add(cut);
                System.out.printf(Locale.ROOT, "| %s | %s | %d | %,.0f | %,.0f | %.2fx | %s | %s | %s |%n", c.name(), c.verdict(), p,
                        plain.opsPerSecond(), adapt.opsPerSecond(), ratio, count(plain.futexCalls()), count(adapt.futexCalls()),
                        Double.isNaN(cut) ? "n/a" : String.format(Locale.ROOT, "%.1fx", cut));
            }
            System.out.printf(Locale.ROOT, "| %s | median of %d pairs | | | | **%.2fx** | | | **%s** |%n", c.name(), pairs, median(ratios),
                    Double.isNaN(median(cuts)) ? "n/a" : String.format(Locale.ROOT, "%.1fx", median(cuts)));
        }
    }

    static Run run(Path agent, String classpath, Case c, double seconds, boolean adapt) throws Exception {
        List<String> cmd = new ArrayList<>(Arrays.asList(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Dlockscope.examples.futex=true",
                "-javaagent:" + agent + "=log=off,jmx=false" + (adapt ? ",adapt=" + c.mainClass() : ""),
                "-cp", classpath, c.mainClass(), "--seconds", Double.toString(seconds)));
        cmd.addAll(c.args());
        File out = File.createTempFile("adapt-compare", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out).start();
            if (!p.waitFor((long) seconds + 120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(c.name() + " did not finish");
            }
            String text = Files.readString(out.toPath());
            if (p.exitValue() != 0) {
                throw new IllegalStateException(c.name() + " failed (exit " + p.exitValue() + "): " + text);
            }
            return new Run(Double.parseDouble(field(text, "ops.per.second")), futex(text));
        } finally {
            Files.deleteIfExists(out.toPath());
        }
    }

    static String field(String text, String name) {
        return text.lines().filter(l -> l.startsWith(name + " ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no '" + name + "' line in:\n" + text)).split(" ")[1];
    }

    /** -1 when the example could not count (its line says why). */
    static long futex(String text) {
        String v = field(text, "futex.calls");
        return v.equals("unavailable:") ? -1 : Long.parseLong(v);
    }

    static String count(long n) {
        return n < 0 ? "unavailable" : String.format(Locale.ROOT, "%,d", n);
    }

    static double median(List<Double> xs) {
        return dev.lockscope.benchmarks.Medians.of(xs.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
