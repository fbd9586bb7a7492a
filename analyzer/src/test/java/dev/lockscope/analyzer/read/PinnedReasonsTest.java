package dev.lockscope.analyzer.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.events.ThreadNames;
import org.junit.jupiter.api.Test;

/** Pinning reasons in plain words, and thread names that are never blank. */
class PinnedReasonsTest {
    @Test
    void freezeResultCodesAreExplainedAndKeepTheJdksWords() {
        String two = PinnedReasons.describe("Freeze or preempt failed (2)", "Contended monitor enter");
        assertThat(two).startsWith("Contended monitor enter while pinned: a critical section of the JDK's was on its stack")
                .contains("class loading or initialization").endsWith("[Freeze or preempt failed (2)]");
        for (int code = 2; code <= 7; code++) {
            String plain = PinnedReasons.plain("Freeze or preempt failed (" + code + ")");
            assertThat(plain).doesNotStartWith("Freeze").doesNotStartWith("unmounting failed [");
        }
        assertThat(PinnedReasons.plain("Freeze or preempt failed (9)")).isEqualTo("unmounting failed [Freeze or preempt failed (9)]");
        // The JDK's own words already say it.
        assertThat(PinnedReasons.describe("Native or VM frame on stack", "LockSupport.park"))
                .isEqualTo("LockSupport.park while pinned: Native or VM frame on stack");
        assertThat(PinnedReasons.describe(null, null)).isEqualTo("pinned (no reason recorded)");
        assertThat(PinnedReasons.describe(null, "Object.wait")).isEqualTo("Object.wait while pinned (no reason recorded)");
    }

    @Test
    void threadNamesAreNeverBlank() {
        assertThat(ThreadNames.display("", 42, true)).isEqualTo("virtual thread #42");
        assertThat(ThreadNames.display(null, 42, false)).isEqualTo("#42");
        assertThat(ThreadNames.display("  ", -1, false)).isEqualTo("?");
        assertThat(ThreadNames.display("worker-1", 42, true)).isEqualTo("worker-1");
    }
}
