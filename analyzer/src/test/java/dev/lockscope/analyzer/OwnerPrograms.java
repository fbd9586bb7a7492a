package dev.lockscope.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the planted owner programs ({@code dev.lockscope.analyzer.holders}) in a child JVM under lockscope.jfc, the way
 * users record, and reads back the figures each program prints about its own threads ({@code key value} lines).
 */
public final class OwnerPrograms {
    private OwnerPrograms() {
    }

    /** lockscope.jfc as shipped, with the thresholds of {@code zeroThreshold} at 0 ms, written into {@code dir}. */
    public static Path settings(Path dir, String... zeroThreshold) throws Exception {
        String jfc;
        try (InputStream in = OwnerPrograms.class.getResourceAsStream("/dev/lockscope/events/lockscope.jfc")) {
            jfc = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String type : zeroThreshold) {
            int at = jfc.indexOf("<event name=\"" + type + "\">");
            int end = jfc.indexOf("</event>", at);
            String block = jfc.substring(at, end);
            assertThat(block).contains("<setting name=\"threshold\">20 ms</setting>");
            jfc = jfc.substring(0, at) + block.replace("20 ms", "0 ms") + jfc.substring(end);
        }
        Path file = Files.createTempFile(dir, "settings", ".jfc");
        Files.writeString(file, jfc);
        return file;
    }

    /** Runs {@code main} for {@code seconds} (then {@code args}) recording to {@code jfr}; returns what it printed. */
    public static Map<String, Long> run(Path java, Path jfc, Path jfr, List<String> jvmOptions, Class<?> main,
                                        Path dir, double seconds, String... args) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(String.valueOf(seconds)));
        arguments.addAll(List.of(args));
        return parse(ChildRecording.output(java, "-XX:StartFlightRecording:settings=" + jfc + ",filename=" + jfr,
                jvmOptions, main, arguments, dir, 120));
    }

    /** The program's {@code key value} lines; none may be missing or zero. */
    public static Map<String, Long> parse(String output) {
        Map<String, Long> m = new HashMap<>();
        for (String line : output.split("\n")) {
            String[] kv = line.trim().split(" ");
            if (kv.length == 2 && kv[1].matches("-?\\d+")) {
                m.put(kv[0], Long.parseLong(kv[1]));
            }
        }
        assertThat(m).as(output).isNotEmpty().doesNotContainValue(0L);
        return m;
    }
}
