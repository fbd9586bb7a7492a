package dev.lockscope.probe;

import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The calling thread's rseq area, as registered by glibc (2.35+) at thread start. We find it the way glibc
 * documents: thread pointer ({@code arch_prctl(ARCH_GET_FS)}, once per thread) plus {@code __rseq_offset}.
 * Reads are plain (opaque) loads through a direct ByteBuffer over that memory: no system call per read.
 */
public final class Rseq {
    /** struct rseq offsets (include/uapi/linux/rseq.h). */
    static final int CPU_ID = 4;
    static final int FLAGS = 16;
    static final int NODE_ID = 20;
    static final int MM_CID = 24;
    /** Linux 7.0 time-slice extension control word: request byte, then granted byte. */
    static final int SLICE_CTRL = 28;
    static final int AREA_BYTES = 32;
    private static final long AT_RSEQ_FEATURE_SIZE = 27;
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private final long offset;
    private final int registeredSize;
    private final int featureSize;
    private final Capability capability;
    private final ThreadLocal<ByteBuffer> area;

    private Rseq(long offset, int registeredSize, int featureSize, Capability capability) {
        this.offset = offset;
        this.registeredSize = registeredSize;
        this.featureSize = featureSize;
        this.capability = capability;
        this.area = ThreadLocal.withInitial(this::mapCurrentThreadArea);
    }

    /** Detects rseq; never throws. */
    static Rseq detect() {
        LibC libc = LibC.Loader.libc();
        if (libc == null) {
            return missing("no native access: " + LibC.Loader.failure());
        }
        if (!Platform.isX86_64()) {
            return missing("thread-pointer lookup is implemented for x86_64 only (os.arch=" + System.getProperty("os.arch") + ")");
        }
        long off;
        int size;
        try {
            NativeLibrary c = NativeLibrary.getInstance("c");
            off = c.getGlobalVariableAddress("__rseq_offset").getLong(0);
            size = c.getGlobalVariableAddress("__rseq_size").getInt(0);
        } catch (Throwable t) {
            return missing("glibc exports no __rseq_offset/__rseq_size (glibc older than 2.35 or not glibc): " + Errno.describe(t));
        }
        int feature = 0;
        try {
            feature = (int) libc.getauxval(AT_RSEQ_FEATURE_SIZE);
        } catch (Throwable ignored) {
            // getauxval itself missing: feature size stays unknown (0)
        }
        if (size == 0) {
            return missing("glibc did not register rseq (__rseq_size=0: kernel without rseq, or GLIBC_TUNABLES=glibc.pthread.rseq=0)");
        }
        Rseq probe = new Rseq(off, size, feature, null);
        ByteBuffer buf = probe.area.get();
        if (buf == null) {
            return missing("arch_prctl(ARCH_GET_FS) failed, cannot locate this thread's rseq area");
        }
        int cpu = (int) INT.getOpaque(buf, CPU_ID);
        if (cpu < 0) {
            return missing("rseq area found but cpu_id=" + cpu + (cpu == -2 ? " (registration failed)" : " (not registered)"));
        }
        String detail = "registered by glibc, __rseq_size=" + size + ", kernel feature size=" + (feature == 0 ? "unknown (AT_RSEQ_FEATURE_SIZE absent)" : feature)
                + ", cpu_id=" + cpu + (probe.hasMmCid() ? ", mm_cid=" + INT.getOpaque(buf, MM_CID) : ", mm_cid not offered (feature size < 28)")
                + ", sched_state not in mainline struct rseq";
        return new Rseq(off, size, feature, Capability.available("rseq", Provenance.MEASURED_RSEQ, "glibc rseq area (thread pointer + __rseq_offset)", detail));
    }

    private static Rseq missing(String reason) {
        return new Rseq(0, 0, 0, Capability.missing("rseq", reason));
    }

    private ByteBuffer mapCurrentThreadArea() {
        LibC libc = LibC.Loader.libc();
        if (libc == null || registeredSize == 0) {
            return null;
        }
        try (Memory out = new Memory(8)) {
            libc.syscall(LibC.SYS_ARCH_PRCTL, LibC.ARCH_GET_FS, out);
            long tp = out.getLong(0);
            return new Pointer(tp + offset).getByteBuffer(0, AREA_BYTES).order(ByteOrder.nativeOrder());
        } catch (Throwable t) {
            return null;
        }
    }

    public Capability capability() {
        return capability;
    }

    public boolean available() {
        return capability.available();
    }

    /** Kernel's rseq feature size (AT_RSEQ_FEATURE_SIZE), 0 when the kernel does not say. */
    public int featureSize() {
        return featureSize;
    }

    /** Size glibc registered (__rseq_size). */
    public int registeredSize() {
        return registeredSize;
    }

    /** True when the kernel fills mm_cid (feature size covers offset 24..28). */
    public boolean hasMmCid() {
        return featureSize >= MM_CID + 4;
    }

    /** The CPU the calling thread ran on when it last returned to user space, or -1 when rseq is missing. */
    public int cpuId() {
        ByteBuffer b = available() ? area.get() : null;
        return b == null ? -1 : (int) INT.getOpaque(b, CPU_ID);
    }

    /** The calling thread's memory-map concurrency id, or -1 where the kernel does not offer it. */
    public int mmCid() {
        ByteBuffer b = available() && hasMmCid() ? area.get() : null;
        return b == null ? -1 : (int) INT.getOpaque(b, MM_CID);
    }

    /** The calling thread's rseq area (32 bytes), or null; used by {@link SliceExtension}. */
    ByteBuffer currentArea() {
        return available() ? area.get() : null;
    }
}
