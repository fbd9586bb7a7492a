package dev.lockscope.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class ProcTaskReaderTest {
    @Test
    void busyThreadAccumulatesOnCpuAndSleeperSwitchesVoluntarily() throws Exception {
        assumeTrue(Probe.get().currentTid() > 0, "skipped: no kernel tid (no native access)");
        TestThreads.Worker spin = TestThreads.spinner();
        TestThreads.Worker sleep = TestThreads.sleeper();
        try {
            ProcSample s0 = ProcTaskReader.sample(spin.tid());
            ProcSample z0 = ProcTaskReader.sample(sleep.tid());
            Thread.sleep(400);
            ProcSample s1 = ProcTaskReader.sample(spin.tid());
            ProcSample z1 = ProcTaskReader.sample(sleep.tid());
            assertThat(s0).isNotNull();
            assertThat(s1.provenance()).isEqualTo(Provenance.SAMPLED_PROC);
            long wall = s1.takenAtNanos() - s0.takenAtNanos();
            // a spinner on a 2-CPU machine gets a good share of the wall time; a sleeper almost none
            assertThat(s1.onCpuNs() - s0.onCpuNs()).isGreaterThan(wall / 10);
            assertThat(z1.onCpuNs() - z0.onCpuNs()).isLessThan(wall / 10);
            assertThat(z1.voluntarySwitches() - z0.voluntarySwitches()).isGreaterThanOrEqualTo(4); // ~8 sleeps of 50 ms
            assertThat(ProcTaskReader.sample(Integer.MAX_VALUE)).isNull();
        } finally {
            spin.stopAndJoin();
            sleep.stopAndJoin();
        }
    }

    @Test
    void probeStatsFallBackToProcOrComeFromEbpfWithLabels() {
        ThreadStats s = Probe.get().stats(Probe.get().currentTid());
        assertThat(s.timesFrom()).isIn(Provenance.MEASURED_EBPF, Provenance.SAMPLED_PROC, Provenance.UNKNOWN);
        if (s.timesFrom() != Provenance.UNKNOWN) {
            assertThat(s.onCpuNs()).isPositive();
        }
    }
}
