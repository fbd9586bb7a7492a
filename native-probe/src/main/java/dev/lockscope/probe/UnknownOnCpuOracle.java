package dev.lockscope.probe;

/** The last rung: nothing can tell whether a thread is on a CPU, so every answer is UNKNOWN, with the reason. */
final class UnknownOnCpuOracle implements OnCpuOracle {
    private final String reason;

    UnknownOnCpuOracle(String reason) {
        this.reason = reason;
    }

    @Override
    public int onCpu(int tid) {
        return UNKNOWN;
    }

    @Override
    public int currentTid() {
        return Tids.current();
    }

    @Override
    public boolean available() {
        return false;
    }

    @Override
    public String source() {
        return "none: " + reason;
    }
}
