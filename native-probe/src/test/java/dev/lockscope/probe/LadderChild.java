package dev.lockscope.probe;

/** Child JVM for {@link UnprivilegedLadderTest}: prints the report as JSON, then the oracle's answer and source. */
public final class LadderChild {
    public static void main(String[] args) {
        Probe p = Probe.get();
        System.out.println(p.report().json());
        OnCpuOracle o = p.onCpuOracle();
        System.out.println("oracle " + o.onCpu(o.currentTid()) + " available=" + o.available() + " tid=" + o.currentTid());
        System.out.println("source " + o.source());
        ThreadStats s = p.stats(p.currentTid());
        System.out.println("stats " + s.timesFrom() + " " + s.switchesFrom() + " futex=" + s.futex().provenance());
        System.out.println("rseq cpu " + (p.rseq() == null ? -1 : p.rseq().cpuId()));
    }
}
