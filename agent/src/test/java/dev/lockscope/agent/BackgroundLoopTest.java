package dev.lockscope.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.agent.control.AgentControl;
import dev.lockscope.agent.control.ControlledAgent;
import dev.lockscope.agent.hooks.LockHooks;
import dev.lockscope.agent.hooks.SyncAccess;
import dev.lockscope.agent.jfr.LockWaitSwitch;
import dev.lockscope.agent.monitor.VirtualMonitorWaits;
import dev.lockscope.agent.registry.LockRegistry;
import dev.lockscope.events.AgentStatus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The background loop's errors are counted and reported as the hooks' are: a round that throws is counted, shown in
 * AgentStatus and JMX, its first failure logged once, and the loop goes on to its next round.
 */
class BackgroundLoopTest {
    @Test
    void roundsThatThrowAreCountedReportedAndTheLoopCarriesOn() throws Exception {
        LockRegistry registry = new LockRegistry(16, 64, 1024, 16);
        AtomicInteger rounds = new AtomicInteger();
        // The first two rounds fail at their second step; the third gets through to the meters, the last step.
        Supplier<VirtualMonitorWaits> failingTwice = () -> {
            if (rounds.incrementAndGet() <= 2) {
                throw new IllegalStateException("bad refresh " + rounds.get());
            }
            return null;
        };
        AtomicInteger lastStepReached = new AtomicInteger();
        List<String> log = new CopyOnWriteArrayList<>();
        BackgroundLoop loop = new BackgroundLoop(registry, failingTwice, null, new LockWaitSwitch(),
                () -> {
                    lastStepReached.incrementAndGet();
                    return null;
                }, log::add);
        loop.start(() -> { });
        try {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (lastStepReached.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(lastStepReached.get()).as("a round after the failing ones ran to its end").isPositive();
        } finally {
            loop.stop();
        }
        assertThat(loop.errors()).isEqualTo(2);
        assertThat(log).as("the first failure logged, the second only counted").hasSize(1);
        assertThat(log.get(0)).contains("bad refresh 1").contains("AgentStatus.backgroundErrors");
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("lockscope-agent") && t.isAlive());

        LockHooks hooks = new LockHooks(registry, new SyncAccess(), 1, 0);
        StatusReport status = new StatusReport(AgentOptions.parse(""), registry, hooks, loop,
                new VirtualThreadMonitoring(null, registry, hooks, new CopyOnWriteArrayList<>(), log::add), new CopyOnWriteArrayList<>());
        AgentStatus event = status.event();
        assertThat(event.backgroundErrors).isEqualTo(2);
        assertThat(event.hookErrors).as("beside the hooks' own count").isZero();
        AgentControl jmx = new AgentControl(new ControlledAgent() {
            @Override
            public boolean enabled() {
                return false;
            }

            @Override
            public void setEnabled(boolean on) {
            }

            @Override
            public AgentStatus status() {
                return status.event();
            }

            @Override
            public String topLocks(int n) {
                return "";
            }
        });
        assertThat(jmx.getBackgroundErrors()).isEqualTo(2);
    }
}
