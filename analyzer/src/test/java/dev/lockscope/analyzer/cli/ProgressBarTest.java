package dev.lockscope.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private final AtomicLong now = new AtomicLong();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), now::get);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void silentDuringTheFirstSecond() {
        now.set(900_000_000L);
        bar.progress(10 << 20, 100 << 20, "a.jfr");
        bar.progress(100 << 20, 100 << 20, "a.jfr");
        assertThat(printed()).isEmpty();
    }

    @Test
    void drawsAfterOneSecondThenClearsItsLineWhenDone() {
        now.set(2_000_000_000L);
        bar.progress(50 << 20, 100 << 20, "a.jfr");
        assertThat(printed()).startsWith("\r[###############...............]  50% 50/100 MiB").contains("a.jfr")
                .doesNotContain("\n");
        bar.progress(100 << 20, 100 << 20, "a.jfr");
        assertThat(printed()).endsWith("\r" + " ".repeat(79) + "\r");
    }

    @Test
    void redrawsAtMostTenTimesASecond() {
        now.set(2_000_000_000L);
        bar.progress(1 << 20, 100 << 20, "a.jfr");
        int after1 = printed().length();
        now.addAndGet(50_000_000L);
        bar.progress(2 << 20, 100 << 20, "a.jfr");
        assertThat(printed()).hasSize(after1);
        now.addAndGet(60_000_000L);
        bar.progress(3 << 20, 100 << 20, "a.jfr");
        assertThat(printed().length()).isGreaterThan(after1);
    }

    @Test
    void oneBarForManyRecordingsCountsThemToo() {
        now.set(2_000_000_000L);
        bar.recordings(17, 200);
        bar.progress(800L << 20, 4000L << 20, "app-jdk17-4242-017.jfr");
        assertThat(printed()).startsWith("\r[###............]  20% 800/4,000 MiB")
                .contains(" 17/200 recordings app-jdk17-4").doesNotContain("\n");
        assertThat(printed().length() - 1).isLessThanOrEqualTo(79);
        bar.progress(4000L << 20, 4000L << 20, "");
        assertThat(printed()).endsWith("\r" + " ".repeat(79) + "\r");
    }
}
