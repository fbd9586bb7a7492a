package dev.lockscope.analyzer.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A frame the recording left unnamed (JMC gives a null class for some of a real Kafka broker's execution samples)
 * reads as "?" and is an application frame like any other, instead of failing the whole recording.
 */
class FrameTest {
    @Test
    void anUnnamedFrameReadsAsAQuestionMarkAndNeverThrows() {
        Frame f = new Frame(null, null, -1);
        assertThat(f.isJdk()).isFalse();
        assertThat(f.toString()).isEqualTo("?.?");
        assertThat(f.shortName()).isEqualTo("?.?");
        assertThat(WaitSite.of(java.util.List.of(f, new Frame("app.Service", "handle", 12))))
                .as("an unnamed frame never names a site").isEqualTo("app.Service.handle:12");
    }

    @Test
    void aJdkFrameIsTold() {
        assertThat(new Frame("java.util.concurrent.locks.ReentrantLock", "lock", 1).isJdk()).isTrue();
        assertThat(new Frame("app.Service", "handle", 12).isJdk()).isFalse();
    }
}
