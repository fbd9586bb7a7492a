package dev.lockscope.locks;

import dev.lockscope.probe.OnCpuOracle;

/**
 * Builds adaptive locks on an explicitly given on-CPU oracle (another native-probe source, or a test double).
 * Kept out of {@link AdaptiveReentrantLock} so that class never names a native-probe type.
 */
public final class OracleLocks {
    private OracleLocks() {
    }

    /** An adaptive lock that asks {@code oracle} whether the owner runs. */
    public static AdaptiveReentrantLock withOracle(OnCpuOracle oracle, boolean fair) {
        return new AdaptiveReentrantLock(fair, SpinPolicy.oracle(new NativeProbeAdapter(oracle)), false);
    }
}
