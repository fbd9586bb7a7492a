package dev.lockscope.agent.meters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scan for the application's Micrometer backs off: soon after start, then every 8th refresh. */
class MicrometerScanTest {
    @Test
    void scansEarlyThenEveryEighthRefresh() {
        List<Integer> due = new ArrayList<>();
        for (int r = 0; r <= 40; r++) {
            if (MetricsSupport.micrometerScanDue(r)) due.add(r);
        }
        assertThat(due).containsExactly(0, 1, 2, 4, 8, 16, 24, 32, 40);
    }
}
