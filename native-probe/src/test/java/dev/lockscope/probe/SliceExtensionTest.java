package dev.lockscope.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.LastErrorException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SliceExtensionTest {
    /** A fake kernel offering the extension: records prctl calls and yields, grants when told to. */
    static final class FakeKernel implements SliceExtension.Kernel {
        final List<String> calls = new ArrayList<>();
        final boolean offered;
        int yields;

        FakeKernel(boolean offered) {
            this.offered = offered;
        }

        @Override
        public int prctl(int option, long a2, long a3, long a4, long a5) {
            calls.add(option + ":" + a2 + ":" + a3);
            if (!offered || option != SliceExtension.PR_RSEQ_SLICE_EXTENSION) {
                throw new LastErrorException(22);
            }
            return 0;
        }

        @Override
        public void sliceYield() {
            yields++;
        }

        /** What the scheduler does when it would have preempted a requesting thread. */
        void grantIfRequested(ByteBuffer area) {
            if (area.get(Rseq.SLICE_CTRL) != 0) {
                area.put(Rseq.SLICE_CTRL, (byte) 0);
                area.put(Rseq.SLICE_CTRL + 1, (byte) 1);
            }
        }
    }

    @Test
    void missingWithTheKernelsErrnoWhenPrctlRefuses() {
        SliceExtension s = SliceExtension.detect(new FakeKernel(false), () -> ByteBuffer.allocate(32), 32);
        assertThat(s.available()).isFalse();
        assertThat(s.capability().reason()).contains("EINVAL (22)").contains("PR_RSEQ_SLICE_EXTENSION=79");
        assertThat(s.request()).isFalse();
        assertThat(s.release()).isFalse();
    }

    @Test
    void missingWhenRseqAreaCannotHoldSliceCtrl() {
        SliceExtension s = SliceExtension.detect(new FakeKernel(true), () -> ByteBuffer.allocate(32), 28);
        assertThat(s.available()).isFalse();
        assertThat(s.capability().reason()).contains("feature size 28");
        assertThat(SliceExtension.detect(new FakeKernel(true), () -> null, 32).capability().reason()).contains("no rseq area");
    }

    @Test
    void requestGrantYieldFollowsTheAbi() {
        FakeKernel k = new FakeKernel(true);
        ByteBuffer area = ByteBuffer.allocate(32);
        SliceExtension s = SliceExtension.detect(k, () -> area, 32);
        assertThat(s.available()).isTrue();
        assertThat(s.enableForCurrentThread()).isTrue();
        assertThat(k.calls).containsExactly("79:1:0", "79:2:1");

        // not preempted: request withdrawn, no yield owed
        assertThat(s.request()).isTrue();
        assertThat(area.get(Rseq.SLICE_CTRL)).isEqualTo((byte) 1);
        assertThat(s.granted()).isFalse();
        assertThat(s.release()).isFalse();
        assertThat(area.get(Rseq.SLICE_CTRL)).isZero();
        assertThat(k.yields).isZero();

        // preempted during the section: kernel grants, release must yield exactly once
        s.request();
        k.grantIfRequested(area);
        assertThat(s.granted()).isTrue();
        assertThat(s.release()).isTrue();
        assertThat(k.yields).isEqualTo(1);
        assertThat(s.granted()).isFalse();
    }

    @Test
    void thisKernelIsReportedHonestly() {
        SliceExtension real = Probe.get().sliceExtension();
        // Linux 7.0+ offers it; older kernels answer EINVAL. Either way the report must say which.
        if (real.available()) {
            assertThat(real.capability().source()).contains("prctl");
        } else {
            assertThat(real.capability().reason()).containsPattern("EINVAL|no rseq area|feature size|no native access");
        }
    }
}
