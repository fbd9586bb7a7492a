package dev.lockscope.probe;

import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * rseq time-slice extension (Linux 7.0+): a lock holder sets {@code slice_ctrl.request} before a short critical
 * section so the scheduler may grant it a few more microseconds instead of preempting it; if the kernel set
 * {@code granted}, the holder must give the CPU back with {@code rseq_slice_yield()} when it leaves. Detected with
 * {@code prctl(PR_RSEQ_SLICE_EXTENSION, GET)}, never assumed.
 */
public final class SliceExtension {
    static final int PR_RSEQ_SLICE_EXTENSION = 79;
    static final int PR_RSEQ_SLICE_EXTENSION_GET = 1;
    static final int PR_RSEQ_SLICE_EXTENSION_SET = 2;
    static final int PR_RSEQ_SLICE_EXT_ENABLE = 1;
    static final long SYS_RSEQ_SLICE_YIELD = 470;
    private static final int REQUEST = Rseq.SLICE_CTRL;
    private static final int GRANTED = Rseq.SLICE_CTRL + 1;

    /** The two kernel entry points involved; real ones go through libc, tests pass a fake. */
    public interface Kernel {
        /** prctl(2); returns its result or throws with errno. */
        int prctl(int option, long arg2, long arg3, long arg4, long arg5) throws Exception;

        /** rseq_slice_yield(2). */
        void sliceYield() throws Exception;
    }

    private final Kernel kernel;
    private final Supplier<ByteBuffer> area;
    private final Capability capability;

    SliceExtension(Kernel kernel, Supplier<ByteBuffer> area, Capability capability) {
        this.kernel = kernel;
        this.area = area;
        this.capability = capability;
    }

    /** Detects the extension through {@code kernel}; {@code area} gives the calling thread's rseq area or null. */
    public static SliceExtension detect(Kernel kernel, Supplier<ByteBuffer> area, int rseqFeatureSize) {
        String name = "rseq slice extension";
        if (kernel == null) {
            return new SliceExtension(null, area, Capability.missing(name, "no native access: " + LibC.Loader.failure()));
        }
        try {
            int state = kernel.prctl(PR_RSEQ_SLICE_EXTENSION, PR_RSEQ_SLICE_EXTENSION_GET, 0, 0, 0);
            if (area.get() == null) {
                return new SliceExtension(kernel, area, Capability.missing(name,
                        "prctl(PR_RSEQ_SLICE_EXTENSION) answered " + state + " but this thread has no rseq area"));
            }
            if (rseqFeatureSize < Rseq.AREA_BYTES) {
                return new SliceExtension(kernel, area, Capability.missing(name,
                        "prctl answered but rseq feature size " + rseqFeatureSize + " does not cover slice_ctrl (offset 28)"));
            }
            return new SliceExtension(kernel, area, Capability.available(name, Provenance.MEASURED_RSEQ,
                    "prctl(PR_RSEQ_SLICE_EXTENSION) + struct rseq slice_ctrl", "kernel offers it (GET answered " + state + ")"));
        } catch (Throwable t) {
            return new SliceExtension(kernel, area, Capability.missing(name,
                    "prctl(PR_RSEQ_SLICE_EXTENSION=79, GET) failed: " + Errno.describe(t) + " (kernel older than 7.0 or built without it)"));
        }
    }

    static Kernel libcKernel() {
        LibC libc = LibC.Loader.libc();
        if (libc == null) {
            return null;
        }
        return new Kernel() {
            @Override
            public int prctl(int option, long a2, long a3, long a4, long a5) {
                return libc.prctl(option, a2, a3, a4, a5);
            }

            @Override
            public void sliceYield() {
                libc.syscall(SYS_RSEQ_SLICE_YIELD);
            }
        };
    }

    public Capability capability() {
        return capability;
    }

    public boolean available() {
        return capability.available();
    }

    /** Opts the calling thread in (per-thread prctl SET); false when unavailable or refused. */
    public boolean enableForCurrentThread() {
        if (!available()) {
            return false;
        }
        try {
            kernel.prctl(PR_RSEQ_SLICE_EXTENSION, PR_RSEQ_SLICE_EXTENSION_SET, PR_RSEQ_SLICE_EXT_ENABLE, 0, 0);
            return true;
        } catch (Throwable t) {
            return false;
        }
    }

    /** Asks not to be preempted during the critical section that follows; false when unavailable. */
    public boolean request() {
        ByteBuffer b = available() ? area.get() : null;
        if (b == null) {
            return false;
        }
        b.put(GRANTED, (byte) 0);
        b.put(REQUEST, (byte) 1);
        return true;
    }

    /** True when the kernel granted an extension since {@link #request()}. */
    public boolean granted() {
        ByteBuffer b = available() ? area.get() : null;
        return b != null && b.get(GRANTED) != 0;
    }

    /** Ends the critical section: withdraws the request and, if an extension was granted, yields as the ABI requires. */
    public boolean release() {
        ByteBuffer b = available() ? area.get() : null;
        if (b == null) {
            return false;
        }
        b.put(REQUEST, (byte) 0);
        if (b.get(GRANTED) != 0) {
            b.put(GRANTED, (byte) 0);
            try {
                kernel.sliceYield();
            } catch (Throwable ignored) {
                // the kernel reclaims the slice at the next tick anyway
            }
            return true;
        }
        return false;
    }
}
