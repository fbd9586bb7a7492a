package dev.lockscope.agent;

import dev.lockscope.agent.jfr.LockWaitSwitch;
import dev.lockscope.agent.meters.MetricsSupport;
import dev.lockscope.agent.monitor.VirtualMonitorWaits;
import dev.lockscope.agent.registry.LockRegistry;
import dev.lockscope.agent.registry.SiteBindings;
import dev.lockscope.agent.registry.SiteBudgets;
import dev.lockscope.agent.sections.SectionTable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The agent's background thread ({@code lockscope-agent}), never in a hook: it drains construction-site bindings
 * every few ms while they stream in and, once a second, sweeps collected locks out of the table, closes virtual
 * threads' monitor waits whose end was missed, classifies the critical sections loaded since, refreshes whether
 * LockWait events are wanted, refills the construction-site budgets and refreshes the meters.
 * A round that throws is counted, as the hooks count theirs ({@link #errors}: {@code AgentStatus.backgroundErrors}
 * and JMX), its first failure logged, and the loop carries on: the agent must not die on a bad refresh.
 */
final class BackgroundLoop {
    /**
     * Pause between drains of construction-site bindings while they stream in, and the longest when quiet (a burst
     * wakes the thread early: {@link SiteBindings#awaitBindings}). Once a second also paces the sweep, budgets and
     * meters below. Each wake-up can preempt a lock owner on a busy host (docs/PERFORMANCE.md, "Agent overhead on
     * the lock paths").
     */
    static final long MIN_DRAIN_PAUSE_MS = 5;
    static final long IDLE_DRAIN_PAUSE_MS = 1000;

    private final LockRegistry registry;
    private final Supplier<VirtualMonitorWaits> virtualMonitors;
    private final SectionTable sections;
    private final LockWaitSwitch waitEvents;
    private final Supplier<MetricsSupport> meters;
    private final Consumer<String> log;
    /** Rounds that threw, since the agent started (restarts included). */
    private final AtomicLong errors = new AtomicLong();
    private volatile boolean running;
    private Thread thread;

    /**
     * @param virtualMonitors virtual threads' monitor waits in progress, or null when not timed
     * @param sections        the critical sections' table, or null without it
     * @param meters          the meters once started (by the first step given to {@link #start}), else null
     */
    BackgroundLoop(LockRegistry registry, Supplier<VirtualMonitorWaits> virtualMonitors, SectionTable sections,
                   LockWaitSwitch waitEvents, Supplier<MetricsSupport> meters, Consumer<String> log) {
        this.registry = registry;
        this.virtualMonitors = virtualMonitors;
        this.sections = sections;
        this.waitEvents = waitEvents;
        this.meters = meters;
        this.log = log;
    }

    /** Starts the thread, which runs {@code first} (what must start off the application's threads) and then loops. */
    void start(Runnable first) {
        running = true;
        Thread t = new Thread(() -> {
            first.run();
            loop();
        }, "lockscope-agent");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Ends the thread (waiting for it at most 2 s). */
    void stop() throws InterruptedException {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            t.join(2000);
        }
    }

    /** Rounds that threw since the agent started. */
    long errors() {
        return errors.get();
    }

    private void loop() {
        long lastRefresh = 0;
        long pauseMs = MIN_DRAIN_PAUSE_MS;
        while (running) {
            try {
                // Drain construction-site bindings every few ms while they stream in (the ring holds a few thousand),
                // backing off to IDLE_DRAIN_PAUSE_MS when quiet.
                registry.bindings.awaitBindings(pauseMs);
                int moved = registry.bindings.drain();
                pauseMs = moved > SiteBindings.BUSY_DRAIN ? MIN_DRAIN_PAUSE_MS : Math.min(IDLE_DRAIN_PAUSE_MS, 2 * pauseMs);
                long now = System.nanoTime();
                if (now - lastRefresh >= 1_000_000_000L) {
                    lastRefresh = now;
                    everySecond();
                }
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) {
                failed(t);
            }
        }
    }

    private void everySecond() {
        // Collected locks leave the table (their counts folded into their sites) whether or not a recording asks for
        // summaries.
        registry.locks.sweep();
        VirtualMonitorWaits vm = virtualMonitors.get();
        if (vm != null) {
            vm.sweep();
        }
        if (sections != null) {
            sections.classifyPending();
        }
        waitEvents.refresh();
        SiteBudgets budgets = registry.siteBudgets;
        if (budgets != null) {
            budgets.refill(log);
        }
        MetricsSupport m = meters.get();
        if (m != null) {
            m.refresh();
        }
    }

    private void failed(Throwable t) {
        if (errors.getAndIncrement() == 0) {
            log.accept("background loop: " + t + " (rounds that fail are counted in AgentStatus.backgroundErrors; it carries on)");
        }
    }
}
