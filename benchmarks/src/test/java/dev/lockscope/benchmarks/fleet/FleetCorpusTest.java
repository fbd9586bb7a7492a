package dev.lockscope.benchmarks.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The corpus's settings: lockscope.jfc with every threshold at 0 and nothing else changed. */
class FleetCorpusTest {

    @Test
    void everyThresholdOfLockscopeJfcGoesToZeroAndNothingElseChanges() throws Exception {
        String jfc = Files.readString(Path.of("../jfr-events/src/main/resources/dev/lockscope/events/lockscope.jfc"));
        String zero = FleetCorpus.allThresholdsZero(jfc);
        Matcher thresholds = Pattern.compile("<setting name=\"threshold\"[^>]*>([^<]*)</setting>").matcher(zero);
        int n = 0;
        while (thresholds.find()) {
            assertEquals("0 ms", thresholds.group(1));
            n++;
        }
        assertTrue(n >= 10, "thresholds in lockscope.jfc: " + n);
        String others = "<setting name=\"threshold\"[^>]*>[^<]*</setting>";
        assertEquals(jfc.replaceAll(others, ""), zero.replaceAll(others, ""));
    }
}
