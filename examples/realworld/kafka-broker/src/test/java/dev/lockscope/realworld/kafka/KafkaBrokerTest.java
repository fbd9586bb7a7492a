package dev.lockscope.realworld.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.analyzer.report.Report;
import dev.lockscope.realworld.RealApp;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Kafka broker under producer load, once plainly and once under the agent: the same exit code and the same
 * output, and the report finds the producer's partition-deque monitors ({@code synchronized (dq)} on an
 * {@code ArrayDeque} in {@code RecordAccumulator.append}, taken by every thread sending through the shared producer).
 */
class KafkaBrokerTest {
    static final List<String> ARGS = List.of("--seconds", "4", "--warmup", "1");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("dev.lockscope.realworld.RealApp#jdks")
    void runsUnchangedUnderTheAgentAndTheReportFindsTheRecordAccumulatorsDequeLocks(int feature, Path javaPath) throws Exception {
        Path java = RealApp.java(feature, javaPath);
        String main = KafkaDriver.class.getName();
        RealApp.Compared run = RealApp.plainAndTraced(java, main, ARGS, 120, dir);
        RealApp.Run plain = run.plain();
        assertThat(plain.figure("broker.start.ms")).isPositive();
        // The broker and its clients log to a file: stderr holds only what the JVM itself says (JDK 24+ warns about
        // Kafka's sun.misc.Unsafe use), and under the agent that and the agent's lines alone.
        assertThat(plain.stderr().lines()).allMatch(l -> l.startsWith("WARNING: ") && feature >= 24);
        Report report = run.report();
        List<Report.LockRow> deques = RealApp.locksIn(report, "org.apache.kafka.clients.producer.internals.RecordAccumulator.append");
        assertThat(deques).as(RealApp.describe(report)).isNotEmpty()
                .allSatisfy(row -> assertThat(row.lockClass()).isEqualTo("java.util.ArrayDeque"));
        // clearly contended: 8 senders append to the sticky partition's deque (some hundred waits in 5 s on 2 CPUs)
        assertThat(deques.stream().mapToLong(Report.LockRow::waitsCount).sum()).as(RealApp.describe(report))
                .isGreaterThanOrEqualTo(20);
    }
}
