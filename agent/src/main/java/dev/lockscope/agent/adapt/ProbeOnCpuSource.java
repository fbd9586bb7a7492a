package dev.lockscope.agent.adapt;

import dev.lockscope.locks.OnCpuSource;
import dev.lockscope.probe.OnCpuOracle;

/**
 * Hands the agent's native-probe oracle to adaptive locks loaded from the boot class path. Loaded only after the
 * lock classes are in the boot loader, so {@link OnCpuSource} here is the very interface the locks see.
 */
final class ProbeOnCpuSource implements OnCpuSource {
    private final OnCpuOracle oracle;

    ProbeOnCpuSource(OnCpuOracle oracle) {
        this.oracle = oracle;
    }

    @Override
    public int onCpu(int tid) {
        return oracle.onCpu(tid);
    }

    @Override
    public int currentTid() {
        return oracle.currentTid();
    }

    @Override
    public String source() {
        return oracle.source() + ", handed over by the lockscope agent";
    }
}
