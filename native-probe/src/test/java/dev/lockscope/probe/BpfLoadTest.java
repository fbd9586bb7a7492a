package dev.lockscope.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How a program load copes with signals: EAGAIN tried again, profilers' timer signals held back meanwhile. */
class BpfLoadTest {
    @Test
    void eagainIsTriedAgainAFewTimesAndOtherErrorsAreNot() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        int fd = Bpf.tryAgainOnEagain(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new Bpf.BpfException("BPF_PROG_LOAD x", Bpf.EAGAIN, null);
            }
            return 7;
        });
        assertThat(fd).isEqualTo(7);
        assertThat(calls).hasValue(3);

        calls.set(0);
        assertThatThrownBy(() -> Bpf.tryAgainOnEagain(() -> {
            calls.incrementAndGet();
            throw new Bpf.BpfException("BPF_PROG_LOAD x", Bpf.EAGAIN, null);
        })).hasMessage("BPF_PROG_LOAD x failed: EAGAIN (11)");
        assertThat(calls).hasValue(Bpf.LOAD_TRIES);

        calls.set(0);
        assertThatThrownBy(() -> Bpf.tryAgainOnEagain(() -> {
            calls.incrementAndGet();
            throw new Bpf.BpfException("BPF_PROG_LOAD x", 1, null);
        })).hasMessageContaining("EPERM");
        assertThat(calls).hasValue(1);
    }

    @Test
    void theVerifierLogIsKeptOnOneLine() {
        assertThat(Bpf.verifierTail("0: (bf) r6 = r1\n  1: (b7) r7 = 0 \nprocessed 7 insns\n")).isEqualTo(
                "verifier: 0: (bf) r6 = r1 / 1: (b7) r7 = 0 / processed 7 insns");
        assertThat(Bpf.verifierTail(" \n")).isNull();
        String tail = Bpf.verifierTail("x".repeat(700) + "\nlast");
        assertThat(tail).startsWith("verifier: ...").endsWith(" / last").hasSize("verifier: ...".length() + 600);
    }

    @Test
    void profilerTimersAreHeldOnlyWhileLoadingAndTheMaskIsPutBack() throws Exception {
        LibC libc = LibC.Loader.libc();
        assumeTrue(libc != null, "skipped: " + LibC.Loader.failure());
        // A thread of its own: the mask is per thread, and the test runner's must not be touched.
        long[] seen = new long[3];
        Thread t = new Thread(() -> {
            seen[0] = HeldSignals.blockedNow(libc);
            try (HeldSignals held = HeldSignals.hold(libc, HeldSignals.PROFILER_TIMERS)) {
                assertThat(held.held()).isTrue();
                seen[1] = HeldSignals.blockedNow(libc);
            }
            seen[2] = HeldSignals.blockedNow(libc);
        });
        t.start();
        t.join();
        assertThat(seen[0] & HeldSignals.PROFILER_TIMERS).as("not held before").isZero();
        assertThat(seen[1] & HeldSignals.PROFILER_TIMERS).as("held while loading").isEqualTo(HeldSignals.PROFILER_TIMERS);
        assertThat(seen[1] & ~HeldSignals.PROFILER_TIMERS).as("nothing else changed").isEqualTo(seen[0]);
        assertThat(seen[2]).as("put back").isEqualTo(seen[0]);
    }
}
