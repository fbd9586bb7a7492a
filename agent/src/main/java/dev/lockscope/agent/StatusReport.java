package dev.lockscope.agent;

import dev.lockscope.agent.adapt.Adapter;
import dev.lockscope.agent.advice.AdviceEngine;
import dev.lockscope.agent.dispatch.LockscopeDispatch;
import dev.lockscope.agent.hooks.LockHooks;
import dev.lockscope.agent.instrument.JdkLockHooks;
import dev.lockscope.agent.instrument.TransformClock;
import dev.lockscope.agent.jfr.LockWaitStacks;
import dev.lockscope.agent.registry.LockRegistry;
import dev.lockscope.agent.sections.SectionTable;
import dev.lockscope.events.AgentStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What the agent says about its own health: the {@code dev.lockscope.AgentStatus} event, which the JMX bean reads too
 * (one figure, one definition). The composition tells it what runs as the parts start.
 */
final class StatusReport {
    static final String VERSION = "0.1.0";

    private final LockRegistry registry;
    private final LockHooks hooks;
    private final BackgroundLoop loop;
    private final VirtualThreadMonitoring virtualThreads;
    /** Hooks installed by name ("sites", "VirtualThread", "monitors"), in the order they went in; read while changed. */
    private final List<String> hookNames;
    private volatile AgentOptions options;
    private volatile JdkLockHooks installer;
    private volatile SectionTable sections;
    /** Milliseconds from premain until the JDK lock hooks were live (-1 until then). */
    private volatile long startMillis = -1;
    private volatile long premainMillis = -1;
    private volatile Adapter adapter;
    private volatile AdviceEngine advice;

    StatusReport(AgentOptions options, LockRegistry registry, LockHooks hooks, BackgroundLoop loop,
                 VirtualThreadMonitoring virtualThreads, List<String> hookNames) {
        this.options = options;
        this.registry = registry;
        this.hooks = hooks;
        this.loop = loop;
        this.virtualThreads = virtualThreads;
        this.hookNames = hookNames;
    }

    /** The JDK lock hooks went live {@code startMillis} after premain (sections: the classifier's table, or null). */
    void hooksLive(JdkLockHooks installer, SectionTable sections, long startMillis) {
        this.installer = installer;
        this.sections = sections;
        this.startMillis = startMillis;
    }

    /** The background parts (re)started with {@code options}; {@code adapter} null without adapt=. */
    void started(AgentOptions options, Adapter adapter, AdviceEngine advice) {
        this.options = options;
        this.adapter = adapter;
        this.advice = advice;
    }

    /** Premain (or attach) returned {@code millis} after it was entered. */
    void premainReturned(long millis) {
        premainMillis = millis;
    }

    long startMillis() {
        return startMillis;
    }

    /** Whether the hooks are on (the boot loader's dispatcher has them). */
    static boolean enabled() {
        return LockscopeDispatch.hooks != null;
    }

    /** Installed hooks, e.g. "sites,monitors,AQS,ConditionObject,StampedLock" (classes appear as they are transformed). */
    String hooksDescription() {
        List<String> all = new ArrayList<>(hookNames);
        JdkLockHooks i = installer;
        if (i != null) {
            all.addAll(new TreeSet<>(i.installed()));
        }
        return String.join(",", all);
    }

    AgentStatus event() {
        AgentStatus e = new AgentStatus();
        e.version = VERSION;
        e.enabled = enabled();
        e.hooks = hooksDescription();
        e.options = options.toString();
        e.trackedLocks = registry.tracked();
        e.lockCapacity = registry.locks.capacity();
        e.evictions = registry.evictions();
        e.siteOverwrites = registry.bindings.overwrites();
        e.siteSkips = registry.siteBudgets == null ? 0 : registry.siteBudgets.skipped();
        e.samplesDropped = hooks.samplesDropped();
        e.hookErrors = hooks.errors();
        e.backgroundErrors = loop.errors();
        Adapter a = adapter;
        e.adaptedSites = a == null ? "" : a.describe();
        e.startDuration = startMillis;
        e.transformTime = TransformClock.totalNanos();
        e.premainDuration = premainMillis;
        SectionTable s = sections;
        e.sectionClassesSkipped = s == null ? 0 : s.classesSkipped();
        e.messages = AgentLog.recent();
        AdviceEngine adv = advice;
        e.adviceSitesSkipped = adv == null ? 0 : adv.sitesSkipped();
        e.ownWaitsLeftOut = registry.leftOut.ownWaits();
        e.agentOwnedWaits = registry.leftOut.agentOwnedWaits();
        e.agentOwnedWaitTime = registry.leftOut.agentOwnedNanos();
        e.lockWaitStacks = LockWaitStacks.describe();
        e.virtualThreadMonitors = virtualThreads.describe();
        return e;
    }
}
