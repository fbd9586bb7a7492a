package dev.lockscope.agent;

import dev.lockscope.agent.hooks.LockHooks;
import dev.lockscope.agent.hooks.VirtualThreads;
import dev.lockscope.agent.instrument.VirtualThreadHooks;
import dev.lockscope.agent.monitor.ThreadSnapshots;
import dev.lockscope.agent.monitor.VirtualMonitorWaits;
import dev.lockscope.agent.registry.LockRegistry;
import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.function.Consumer;

/**
 * JDK 24+: the hooks in java.lang.VirtualThread that time virtual threads' monitor waits (they unmount, and the JDK
 * records no event for them), installed when the class and the JDK's thread snapshots are as expected, else the
 * reason kept for the status; the class given back to the JVM at stop and rewritten again at a restart.
 */
final class VirtualThreadMonitoring {
    private final Instrumentation inst;
    private final LockRegistry registry;
    private final LockHooks hooks;
    /** The installed hooks' names, shared with the status: "VirtualThread" while these are in. */
    private final List<String> hookNames;
    private final Consumer<String> log;
    /** Virtual threads' monitor waits (hooks installed), or null; then {@link #notTimed} says why. */
    private volatile VirtualMonitorWaits waits;
    private VirtualThreadHooks transformer;
    private volatile String notTimed;

    VirtualThreadMonitoring(Instrumentation inst, LockRegistry registry, LockHooks hooks, List<String> hookNames, Consumer<String> log) {
        this.inst = inst;
        this.registry = registry;
        this.hooks = hooks;
        this.hookNames = hookNames;
        this.log = log;
    }

    /** At premain (or the first attach), before the hooks go live. */
    void install(int maxLocks) {
        int feature = Runtime.version().feature();
        String why = null;
        ThreadSnapshots snapshots = null;
        if (feature < 21) {
            why = "JDK " + feature + " has no virtual threads";
        } else if (feature >= 24) {
            if (!VirtualThreads.fieldsReadable()) {
                why = "java.lang.VirtualThread's carrierThread and state fields are not readable";
            } else {
                try {
                    snapshots = ThreadSnapshots.open();
                } catch (Throwable t) {
                    why = "the JDK's thread snapshots (jdk.internal.vm.ThreadSnapshot, JDK 25) are not usable, so a blocked"
                            + " virtual thread's monitor cannot be named: " + t;
                }
            }
        }
        VirtualThreadHooks vth = new VirtualThreadHooks();
        if (why == null) {
            why = vth.install(inst, feature);
        }
        if (why == null) {
            waits = new VirtualMonitorWaits(registry, hooks, snapshots, vth.blockingState(), maxLocks);
            hooks.virtualMonitors(waits);
            hookNames.add("VirtualThread");
            transformer = vth;
        } else {
            notTimed = "not timed: " + why;
            if (feature >= 21) {
                log.accept("virtual threads' monitor waits " + notTimed);
            }
        }
    }

    /** The waits being timed, or null when the hooks are not installed. */
    VirtualMonitorWaits waits() {
        return waits;
    }

    /** For AgentStatus.virtualThreadMonitors: what is timed, or why nothing is. */
    String describe() {
        VirtualMonitorWaits w = waits;
        return w != null ? w.describe() : notTimed;
    }

    /** At stop (the hooks already off): the waits in progress dropped. */
    void clearWaits() {
        VirtualMonitorWaits w = waits;
        if (w != null) {
            w.clear();
        }
    }

    /** At stop: java.lang.VirtualThread goes back to the JVM's own class. */
    void giveClassBack() {
        if (transformer == null) {
            return;
        }
        String why = transformer.uninstall(inst);
        if (why != null) {
            log.accept(why);
        }
    }

    /** At a restart: the hooks again, on the class as the JVM now has it; else the reason. */
    void reinstall() {
        if (transformer == null) {
            return;
        }
        String why = transformer.install(inst, Runtime.version().feature());
        if (why != null) {
            hooks.virtualMonitors(null);
            waits = null;
            transformer = null;
            hookNames.remove("VirtualThread");
            notTimed = "not timed: " + why;
            log.accept("virtual threads' monitor waits " + notTimed);
        }
    }
}
