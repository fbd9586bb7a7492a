package dev.lockscope.locks;

import dev.lockscope.probe.OnCpuOracle;

/**
 * The only class here that names a native-probe type. It is loaded reflectively by {@link ProbeLoader}, so a
 * missing native-probe jar (or a missing JNA native library) costs a caught LinkageError, not a broken lock.
 */
final class NativeProbeAdapter implements OwnerProbe {
    private final OnCpuOracle oracle;

    NativeProbeAdapter(Object oracle) {
        this.oracle = (OnCpuOracle) oracle;
    }

    @Override
    public int onCpu(int tid) {
        try {
            return oracle.onCpu(tid);
        } catch (RuntimeException | LinkageError e) {
            return UNKNOWN; // the contract says it never throws; a lock must not break if one does anyway
        }
    }

    @Override
    public int currentTid() {
        try {
            return oracle.currentTid();
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }

    @Override
    public String source() {
        return oracle.source();
    }

    /** Wraps {@code oracle} if it can ever answer, else returns null. */
    static OwnerProbe wrapIfAvailable(Object oracle) {
        OnCpuOracle o = (OnCpuOracle) oracle;
        return o.available() ? new NativeProbeAdapter(o) : null;
    }

    /** The oracle's own account of its source, never throwing. */
    static String sourceOf(Object oracle) {
        try {
            return ((OnCpuOracle) oracle).source();
        } catch (Throwable e) {
            return "unknown reason";
        }
    }
}
