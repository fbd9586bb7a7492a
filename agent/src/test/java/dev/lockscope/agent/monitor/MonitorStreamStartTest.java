package dev.lockscope.agent.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.agent.registry.LockRegistry;
import java.time.Duration;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import org.junit.jupiter.api.Test;

/**
 * The stream's start returns once the stream's own recording runs (so the hooks go live after its chunk rotation),
 * and knows that recording as its own, so {@code record=} does not take it for the user's.
 */
class MonitorStreamStartTest {
    @Test
    void startReturnsWithItsOwnRecordingRunningAndKnownAsOwn() {
        MonitorStream stream = new MonitorStream(new LockRegistry(16, 64, 1024, 16), Duration.ofMillis(1));
        stream.start();
        try {
            assertThat(stream.ownRecordingIds).as("the stream's recording, found").hasSize(1);
            long id = stream.ownRecordingIds.iterator().next();
            Recording own = FlightRecorder.getFlightRecorder().getRecordings().stream()
                    .filter(r -> r.getId() == id).findFirst().orElseThrow();
            assertThat(own.getState()).isEqualTo(RecordingState.RUNNING);
        } finally {
            stream.stop();
        }
    }
}
