package dev.lockscope.agent.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.agent.registry.LockRegistry;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The monitor stream drops the element tree JFR's parser keeps of the metadata (JFR's internals opened by the
 * surefire argLine here, by the agent's Instrumentation in a host) and still delivers monitor events; without the
 * trim the parser keeps the tree, which is what the trim's check reads.
 */
class ParsedMetadataTrimTest {
    @Test
    void theStreamDropsTheParsedTreeAndStillDeliversMonitorEvents() throws Exception {
        MonitorStream stream = new MonitorStream(new LockRegistry(16, 64, 1024, 16), Duration.ofMillis(1), null, false);
        assertThat(stream.trimParsedMetadata(null)).as("why the tree would stay").isNull();
        stream.start();
        try {
            ParsedMetadataTrim trim = stream.metadataTrim;
            assertThat(within(() -> trim.dropped.get() > 0)).as("a tree dropped after a flush").isTrue();
            assertThat(trim.currentTree(stream.recordingStream())).isNull();
            contendOnAMonitor();
            assertThat(within(() -> stream.events() > 0)).as("monitor events after the trim").isTrue();
        } finally {
            stream.stop();
        }
    }

    @Test
    void withoutTheTrimTheParserKeepsTheTree() throws Exception {
        String[] why = new String[1];
        ParsedMetadataTrim reader = ParsedMetadataTrim.open(null, why);
        assertThat(reader).as(why[0]).isNotNull();
        MonitorStream stream = new MonitorStream(new LockRegistry(16, 64, 1024, 16), Duration.ofMillis(1), null, false);
        stream.start();
        try {
            assertThat(within(() -> {
                try {
                    return reader.currentTree(stream.recordingStream()) != null;
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            })).as("the parser's tree, kept").isTrue();
        } finally {
            stream.stop();
        }
    }

    /** Two threads on one monitor, the holder keeping it 20 ms: a JavaMonitorEnter event over the 1 ms threshold. */
    private static void contendOnAMonitor() throws InterruptedException {
        Object monitor = new Object();
        Thread holder = new Thread(() -> {
            synchronized (monitor) {
                sleep(20);
            }
        });
        holder.start();
        sleep(5);
        synchronized (monitor) {
            monitor.hashCode();
        }
        holder.join();
    }

    private static boolean within(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
