package dev.lockscope.agent.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.agent.monitor.WaiterStacks.Frame;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A monitor wait's stack names the monitor's code site by the analyzer's rule, and tells the agent's own work
 * (its code on the waiter's stack) from the application's.
 */
class WaiterStacksTest {
    @Test
    void theFirstApplicationFrameIsTheSite() {
        WaiterStacks.Reading r = WaiterStacks.read(List.of(
                new Frame("java.io.PrintStream", "writeln", 812),
                new Frame("java.io.PrintStream", "println", 1028),
                new Frame("com.example.Report", "print", 33),
                new Frame("java.lang.Thread", "run", 833)));
        assertThat(r.agentWork()).isFalse();
        assertThat(r.site()).isEqualTo("com.example.Report.print:33");
    }

    @Test
    void aStackOfJdkFramesIsNamedByItsFirstFrameAboveTheWaitingMachinery() {
        assertThat(WaiterStacks.read(List.of(
                new Frame("java.lang.Object", "wait", -1),
                new Frame("java.lang.ref.ReferenceQueue", "remove", 155),
                new Frame("java.lang.Thread", "run", 833))).site())
                .isEqualTo("(JDK) java.lang.ref.ReferenceQueue.remove:155");
        assertThat(WaiterStacks.read(List.of()).site()).isNull();
    }

    @Test
    void theAgentsCodeOnTheStackIsTheAgentsWorkWhicheverThreadRunsIt() {
        // JFR's periodic thread running the agent's summary hook, waiting for the registry's monitor.
        WaiterStacks.Reading r = WaiterStacks.read(List.of(
                new Frame("dev.lockscope.agent.registry.LockRegistry", "all", 81),
                new Frame("dev.lockscope.agent.jfr.EventReporter", "emitSummaries", 95),
                new Frame("jdk.jfr.internal.RequestEngine", "execute", 60)));
        assertThat(r.agentWork()).isTrue();
        assertThat(WaiterStacks.read(List.of(new Frame("dev.lockscope.probe.FutexCounting", "stopWindow", 70))).agentWork()).isTrue();
        // lockscope's adaptive lock is the application's lock, not the agent's work.
        assertThat(WaiterStacks.read(List.of(new Frame("dev.lockscope.locks.AdaptiveReentrantLock", "lock", 90),
                new Frame("com.example.Ledger", "post", 12))).agentWork()).isFalse();
    }
}
