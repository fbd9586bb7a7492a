package dev.lockscope.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockscope.analyzer.read.FastJfrReader;
import dev.lockscope.analyzer.read.JmcRecordingReader;
import dev.lockscope.analyzer.report.Report;
import dev.lockscope.analyzer.report.Report.LockRow;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lockscope's own JFR reader ({@code analyze --only monitors}) must report exactly the monitor rows the JMC
 * reader reports: same locks, counts, totals, percentiles, sites, previous owners, waiting threads and stacks
 * (what the owners did while others waited is not read by it, and its rows say so).
 */
class FastJfrReaderTest {
    @TempDir
    Path dir;

    @Test
    void jdk17RecordingGivesTheJmcReadersMonitorRows() throws Exception {
        assertSameMonitorRows(PlantedRecordings.planted(dir), true);
    }

    @Test
    void jdk25RecordingGivesTheJmcReadersMonitorRows() throws Exception {
        Path java = Jdks.find(25);
        assumeTrue(java != null, "skipped: no JDK 25 under /usr/lib/jvm on this machine");
        Path jfr = dir.resolve("jdk25.jfr");
        ChildRecording.run(java, "-XX:StartFlightRecording:settings=profile,filename=" + jfr, PlantedRecording.class,
                dir, 120);
        // Without jdk.JavaThreadStatistics (a 1 s run has no sample) thread time is estimated from the threads
        // seen waiting, which are fewer when only monitor enters are read: the share of thread time may differ.
        Map<String, LockRow> fast = assertSameMonitorRows(jfr, false);
        assertThat(fast.values()).anyMatch(r -> r.lockClass().equals(PlantedRecording.PlantedMonitor.class.getName())
                && r.waitsCount() == PlantedRecording.ROUNDS * PlantedRecording.WAITERS);
    }

    /**
     * A monitor on an array: JFR's constant pool spells its class as the JVM does ({@code [I}), JMC as Java source does;
     * both readers must give the one name ({@code int[]}), or one lock reads as two with different names.
     */
    @Test
    void anArrayMonitorHasOneNameInBothReaders() throws Exception {
        Path jfr = dir.resolve("array-monitor.jfr");
        int[] monitor = new int[1];
        try (Recording r = PlantedRecording.lockRecording()) {
            r.start();
            contend(monitor);
            r.stop();
            r.dump(jfr);
        }
        Map<String, LockRow> fast = assertSameMonitorRows(jfr, false);
        assertThat(fast.values()).as(fast.keySet().toString()).anyMatch(row -> row.lockClass().equals("int[]"));
        assertThat(fast.values()).noneMatch(row -> row.lockClass().startsWith("["));
    }

    /** Two threads wait for {@code monitor} while a third holds it for 50 ms. */
    private static void contend(Object monitor) throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            synchronized (monitor) {
                held.countDown();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        holder.start();
        held.await();
        Thread[] waiters = new Thread[2];
        for (int i = 0; i < waiters.length; i++) {
            waiters[i] = new Thread(() -> {
                synchronized (monitor) {
                    monitor.hashCode();
                }
            });
            waiters[i].start();
        }
        holder.join();
        for (Thread w : waiters) {
            w.join();
        }
    }

    @Test
    void saysThatOtherWaitsWereNotRead() throws Exception {
        Report fast = Analysis.analyze(List.of(PlantedRecordings.planted(dir)), new FastJfrReader(),
                Analysis.ProgressListener.NONE);
        assertThat(fast.notes()).anyMatch(n -> n.contains("only monitor enters") && n.contains("not read"));
        assertThat(fast.conditions()).isEmpty();
        assertThat(fast.locks()).allMatch(r -> r.family().equals("monitor"));
    }

    private static Map<String, LockRow> assertSameMonitorRows(Path jfr, boolean wholeRow) throws Exception {
        Report jmc = Analysis.analyze(List.of(jfr), new JmcRecordingReader(), Analysis.ProgressListener.NONE);
        Report fast = Analysis.analyze(List.of(jfr), new FastJfrReader(), Analysis.ProgressListener.NONE);
        Map<String, LockRow> expected = monitorRows(jmc);
        Map<String, LockRow> actual = monitorRows(fast);
        assertThat(expected).as("the JMC reader found the planted monitor").isNotEmpty();
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (String lock : expected.keySet()) {
            LockRow e = expected.get(lock);
            LockRow a = actual.get(lock);
            assertThat(a.waitsCount()).as(lock + " waits").isEqualTo(e.waitsCount());
            assertThat(a.totalWaitNanos()).as(lock + " total").isEqualTo(e.totalWaitNanos());
            assertThat(List.of(a.p50Nanos(), a.p90Nanos(), a.p99Nanos(), a.maxNanos())).as(lock + " percentiles")
                    .isEqualTo(List.of(e.p50Nanos(), e.p90Nanos(), e.p99Nanos(), e.maxNanos()));
            assertThat(a.sites()).as(lock + " sites").isEqualTo(e.sites());
            assertThat(a.blockedBy()).as(lock + " previous owners").isEqualTo(e.blockedBy());
            assertThat(a.waiters()).as(lock + " waiting threads").isEqualTo(e.waiters());
            assertThat(a.flame()).as(lock + " stacks").isEqualTo(e.flame());
            assertThat(List.of(a.histogram(), a.waitingThreads(), a.addressesSeen(), a.sourceEvents()))
                    .as(lock + " histogram, threads, addresses, sources")
                    .isEqualTo(List.of(e.histogram(), e.waitingThreads(), e.addressesSeen(), e.sourceEvents()));
            if (wholeRow) {
                // But for what the owners did, which this reader does not read and says so (holders, one line of
                // the advice's missing evidence).
                assertThat(a.withId("x").withAdviceAndHolders(null, null)).as(lock + " whole row")
                        .isEqualTo(e.withId("x").withAdviceAndHolders(null, null));
                assertThat(a.holders().unavailableReason()).contains("--only monitors");
                // The main reader may add what the owners did (when some owner state is above zero) and let it
                // decide; without such lines the two advices are the same.
                List<String> ownerFree = e.advice().evidence().stream().filter(l -> !l.startsWith("owners "))
                        .collect(java.util.stream.Collectors.toList());
                assertThat(a.advice().evidence()).isEqualTo(ownerFree);
                if (ownerFree.size() == e.advice().evidence().size()) {
                    assertThat(List.of(a.advice().verdict(), a.advice().reason()))
                            .isEqualTo(List.of(e.advice().verdict(), e.advice().reason()));
                }
                assertThat(a.advice().missing().stream().filter(m -> !m.startsWith("what the owners did")))
                        .containsExactlyElementsOf(e.advice().missing());
            }
        }
        return actual;
    }

    private static Map<String, LockRow> monitorRows(Report r) {
        Map<String, LockRow> m = new TreeMap<>();
        for (LockRow row : r.locks()) {
            if (row.family().equals("monitor")) {
                m.put(row.lockClass() + "@" + row.address(), row);
            }
        }
        return m;
    }
}
