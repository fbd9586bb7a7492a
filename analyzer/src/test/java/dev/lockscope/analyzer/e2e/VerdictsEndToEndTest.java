package dev.lockscope.analyzer.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lockscope.advisor.Advice;
import dev.lockscope.advisor.Durations;
import dev.lockscope.advisor.Thresholds;
import dev.lockscope.advisor.Verdict;
import dev.lockscope.analyzer.Analysis;
import dev.lockscope.analyzer.read.JmcRecordingReader;
import dev.lockscope.analyzer.report.Report;
import dev.lockscope.analyzer.report.Report.LockRow;
import dev.lockscope.examples.LongHoldLock;
import dev.lockscope.examples.OversubscribedReentrantLock;
import dev.lockscope.examples.ReadMostlyCache;
import dev.lockscope.examples.ShortHoldsBusyLock;
import dev.lockscope.examples.TooManyThreads;
import dev.lockscope.testsupport.Jdks;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each verdict example run under the agent (native probe on, futex counting on) in a child JVM, its recording
 * analyzed: the example's planted lock must get the verdict it was built for, the figures the advice quotes must
 * be the ones recomputed here from the same events with the JDK's reader, and those must be within stated
 * tolerances of what the example does. A failure fails the test only where the example's own measure shows that
 * other processes left it the CPUs ({@link #OTHERS_AT_MOST}); otherwise the test is skipped with that figure. Root only (the probe's eBPF needs it): skipped with the reason otherwise.
 * JDK 17 always; JDK 25 too when installed (skipped with a message otherwise).
 */
class VerdictsEndToEndTest {
    /** Long enough for a few hundred waits of the slowest example; five examples on two JDKs stay near two minutes. */
    static final double SECONDS = 5;

    @TempDir
    Path dir;

    @BeforeAll
    static void needsRoot() {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root) {
            System.out.println("VerdictsEndToEndTest skipped: the native probe (eBPF) needs root; running as "
                    + System.getProperty("user.name"));
        }
        Assumptions.assumeTrue(root, "the native probe (eBPF) needs root to measure owner on-CPU share and futex calls");
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource(Jdks.SEVENTEEN_AND_TWENTY_FIVE)
    void shortHoldsOnABusyLockAdoptTheAdaptiveLock(int feature, Path javaPath) throws Exception {
        runForVerdict(Jdks.require(feature, javaPath), ShortHoldsBusyLock.class, Verdict.ADOPT_ADAPTIVE_LOCK, v -> {
            RecordedFigures f = v.figures;
            assertQuoted(v.advice, f.typicalHoldName() + " " + Durations.format(f.typicalHoldNanos()) + " (");
            assertQuoted(v.advice, "owner on CPU while others waited " + Durations.percent(f.ownerOnCpuShare())
                    + " (measured");
            assertQuoted(v.advice, "futex calls per contended acquisition " + twoDecimals(f.futexPerWait())
                    + " (measured");
            // Built with ~50 ns holds: the estimate bounds them under the short-hold line, far from the ~0.5 ms span.
            assertThat(f.typicalHoldNanos()).isLessThanOrEqualTo(Thresholds.SHORT_HOLD_NANOS);
            assertThat(f.ownerOnCpuShare()).isGreaterThanOrEqualTo(Thresholds.OWNER_ON_CPU_FOR_SPINNING);
            assertThat(f.futexPerWait()).isGreaterThanOrEqualTo(Thresholds.FUTEX_CALLS_DOMINATE);
        });
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource(Jdks.SEVENTEEN_AND_TWENTY_FIVE)
    void longHoldsAskForAShorterSection(int feature, Path javaPath) throws Exception {
        runForVerdict(Jdks.require(feature, javaPath), LongHoldLock.class, Verdict.SHORTEN_CRITICAL_SECTION, v -> {
            RecordedFigures f = v.figures;
            assertQuoted(v.advice, f.typicalHoldName() + " " + Durations.format(f.typicalHoldNanos()) + " (");
            assertQuoted(v.advice, "owner on CPU while others waited " + Durations.percent(f.ownerOnCpuShare())
                    + " (measured");
            assertQuoted(v.advice, "futex calls per contended acquisition " + twoDecimals(f.futexPerWait())
                    + " (measured");
            // Built with holds of Spin.work(2_000_000), which the example times alone at its end (same JVM, same JIT).
            // The hold quoted is either the hooks' span (an upper bound: at least the section, stretched by preemption)
            // or twice the median wait (with two threads a waiter waits out about half a hold): long either way, and
            // not absurdly longer than the section.
            Matcher section = Pattern.compile("section.nanos (\\d+)").matcher(v.output);
            assertThat(section.find()).as(v.output).isTrue();
            long built = Long.parseLong(section.group(1));
            String hold = quoted(v.advice, f.typicalHoldName() + " ");
            assertThat(f.typicalHoldNanos()).as(hold + " vs the example's section of " + Durations.format(built))
                    .isGreaterThan(Thresholds.LONG_HOLD_NANOS).isLessThanOrEqualTo(built * 20);
            if (hold.contains("(upper bound")) {
                assertThat(f.typicalHoldNanos()).as(hold).isGreaterThanOrEqualTo((long) (built * 0.8))
                        .isGreaterThan(Thresholds.SPAN_BEYOND_WAKE_LATENCY_NANOS);
            }
        });
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource(Jdks.SEVENTEEN_AND_TWENTY_FIVE)
    void aReadMostlyMapBehindAMutexAsksForAReadWriteLock(int feature, Path javaPath) throws Exception {
        runForVerdict(Jdks.require(feature, javaPath), ReadMostlyCache.class, Verdict.READ_WRITE_LOCK, v -> {
            String line = quoted(v.advice, "share of readers ");
            assertThat(line).contains("(estimated: bytecode of the acquire sites");
            Matcher m = Pattern.compile("share of readers ([0-9.]+)% .*; (\\d+) of (\\d+) waits").matcher(line);
            assertThat(m.find()).as(line).isTrue();
            double quoted = Double.parseDouble(m.group(1)) / 100;
            // The JDK's reader, the same park events and CriticalSection events: the same share (the row may leave
            // out a stray wait on a GC-moved copy of the lock, hence the half-point).
            assertThat(quoted).isCloseTo(v.figures.readShare(), within(0.005));
            // The program's own split of the acquisitions that found the lock held (one put in 20 operations, the
            // waits' split following the run's scheduling: 0.89-0.95 seen); a failed try that then takes the freed
            // lock at once counts there and records no wait, on either side alike.
            double reads = number(v.output, "contended.reads");
            double writes = number(v.output, "contended.writes");
            assertThat(reads + writes).as(v.output).isPositive();
            System.out.printf(Locale.ROOT, "ReadMostlyCache: share of readers %.4f, the program's contended reads %.4f%n",
                    quoted, reads / (reads + writes));
            assertThat(quoted).as("share of readers against the program's contended reads").isCloseTo(reads / (reads + writes), within(0.03));
        });
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource(Jdks.SEVENTEEN_AND_TWENTY_FIVE)
    void farMoreRunnableThreadsThanCpusAskForFewerThreads(int feature, Path javaPath) throws Exception {
        // A monitor: the agent's summaries name it where its threads waited for it, in TooManyThreads.add.
        runForVerdict(Jdks.require(feature, javaPath), TooManyThreads.class, TooManyThreads.class.getName() + ".add:",
                Verdict.FEWER_THREADS, v -> {
            RecordedFigures f = v.figures;
            assertRunnableOf64CpuBoundThreads(v);
            if (f.ownerOnCpuShare() >= 0) {
                assertQuoted(v.advice, "owner on CPU while others waited " + Durations.percent(f.ownerOnCpuShare())
                        + " (");
            }
        });
    }

    /** The runnable-threads figure quoted as recorded, for an example built with 64 CPU-bound threads. */
    private static void assertRunnableOf64CpuBoundThreads(Verdicted v) {
        double runnable = v.figures.runnablePerCpu();
        assertQuoted(v.advice, "runnable threads per CPU " + twoDecimals(runnable) + " (sampled");
        // Far more runnable than CPUs, and never more than all of them.
        int cpus = Runtime.getRuntime().availableProcessors();
        assertThat(runnable).isGreaterThan(Thresholds.OVERSUBSCRIBED_RUNNABLE_PER_CPU).isLessThanOrEqualTo(64.0 / cpus + 1e-9);
    }

    /** The same oversubscribed workload behind a ReentrantLock (which adapt= could swap): still "fewer threads". */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource(Jdks.SEVENTEEN_AND_TWENTY_FIVE)
    void anOversubscribedReentrantLockAsksForFewerThreadsToo(int feature, Path javaPath) throws Exception {
        runForVerdict(Jdks.require(feature, javaPath), OversubscribedReentrantLock.class, Verdict.FEWER_THREADS, v -> {
            RecordedFigures f = v.figures;
            assertRunnableOf64CpuBoundThreads(v);
            // Owners are preempted while holding it: the measured on-CPU share is far from "owners keep running".
            assertThat(f.ownerOnCpuShare()).as("measured (probe on)").isBetween(0.0, Thresholds.OWNER_ON_CPU_FOR_SPINNING);
        });
    }

    /** A run, its analysis, the planted lock's advice and the figures recomputed from the recording. */
    record Verdicted(Advice advice, RecordedFigures figures, String output) {
    }

    /** What a test checks of a run. */
    @FunctionalInterface
    interface Checks {
        void of(Verdicted v) throws Exception;
    }

    /**
     * Every example is built on the CPUs being mostly its own: where other processes take them, owners are preempted
     * while they hold the lock (their measured on-CPU share, which the advisor reads at 50% to choose between spinning
     * and fewer threads, falls to either side of it), and a starved example records too few waits and stretched
     * safepoints. A failure fails the test up to a quarter of the machine's CPU time taken by others. Measured on a
     * 2-CPU machine beside other builds: ShortHoldsBusyLock with others at 0.44-0.73 had its owners on a CPU 11-45%
     * of the waits (verdict: fewer threads), at 0.42-0.46 in other runs over 50% (its verdict); with others at 0.05 and
     * under, 93-96%. With others at 0.8-0.95, ReadMostlyCache recorded 7 parks in 5 s and TooManyThreads's owners
     * spent most of the waits stopped at safepoints.
     */
    static final double OTHERS_AT_MOST = 0.25;

    /**
     * Runs the example, analyzes it, asserts its planted lock gets {@code expected} and runs the test's
     * {@code checks}. A failure where other processes took more than {@link #OTHERS_AT_MOST} of the CPU time (the
     * example's own {@code other.processes.cpu.share}) skips the test with that figure instead: such a run cannot show
     * what the example was built for.
     */
    void runForVerdict(Path java, Class<?> example, Verdict expected, Checks checks) throws Exception {
        runForVerdict(java, example, example.getName() + ".<init>", expected, checks);
    }

    /** As above, for the lock the agent names by {@code agentSite} (construction site, or where a monitor was waited for). */
    void runForVerdict(Path java, Class<?> example, String agentSite, Verdict expected, Checks checks)
            throws Exception {
        Path jfr = dir.resolve(example.getSimpleName() + ".jfr");
        String output = ExampleRun.run(java, example, SECONDS, jfr);
        RecordedFigures figures = RecordedFigures.of(jfr, agentSite, example.getName());
        if (!figures.probeAvailable) {
            System.out.println("VerdictsEndToEndTest skipped: native probe unavailable: " + figures.probeReason);
            Assumptions.abort("native probe unavailable: " + figures.probeReason);
        }
        if (expected == Verdict.FEWER_THREADS && !figures.runnableRecorded) {
            System.out.println("VerdictsEndToEndTest skipped: this agent's LockSummary has no runnable threads per CPU");
            Assumptions.abort("this agent's LockSummary events carry no runnable threads per CPU");
        }
        Report report = Analysis.analyze(List.of(jfr), new JmcRecordingReader(), Analysis.ProgressListener.NONE);
        LockRow row = planted(report, example);
        System.out.println(example.getSimpleName() + ": " + row.id() + " " + row.advice().verdict() + " ("
                + row.advice().confidence() + "): " + row.advice().reason()
                + "\n  evidence: " + String.join("\n  evidence: ", row.advice().evidence()));
        try {
            assertThat(row.advice().verdict()).as(String.join("; ", row.advice().evidence())).isEqualTo(expected);
            checks.of(new Verdicted(row.advice(), figures, output));
        } catch (AssertionError e) {
            double others = othersShare(output);
            if (others >= 0 && others <= OTHERS_AT_MOST) {
                throw e;
            }
            String why = String.format(Locale.ROOT, "other processes took %.3f of the CPU time (%s), over the %.2f up "
                    + "to which a failure fails the test; unchecked: %s", others,
                    others < 0 ? "unreadable here" : "measured by the example", OTHERS_AT_MOST,
                    e.getMessage().strip().replaceAll("\\s+", " "));
            System.out.println("VerdictsEndToEndTest " + example.getSimpleName() + " skipped: " + why);
            Assumptions.abort(why);
        }
    }

    /** The example's {@code other.processes.cpu.share} line: the share of the CPU time other processes took. */
    static double othersShare(String output) {
        Matcher m = line(output, "other.processes.cpu.share");
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    /** A {@code name value} line the example printed; fails the test where it is missing. */
    static double number(String output, String name) {
        Matcher m = line(output, name);
        assertThat(m.find()).as(name + " in:\n" + output).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /** A matcher of the example's {@code name value} line, the value in group 1. */
    private static Matcher line(String output, String name) {
        return Pattern.compile("(?m)^" + Pattern.quote(name) + " (-?[0-9.]+)$").matcher(output);
    }

    /** The lock row whose waits are in the example's own code, the most waited-for first. */
    static LockRow planted(Report report, Class<?> example) {
        return report.locks().stream()
                .filter(r -> r.sites().stream().anyMatch(s -> s.name().startsWith(example.getName() + ".")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no lock row in " + example.getName() + ": " + report.locks()));
    }

    static String quoted(Advice advice, String prefix) {
        return advice.evidence().stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no evidence starting '" + prefix + "' in " + advice.evidence()));
    }

    static void assertQuoted(Advice advice, String prefix) {
        quoted(advice, prefix);
    }

    static String twoDecimals(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
