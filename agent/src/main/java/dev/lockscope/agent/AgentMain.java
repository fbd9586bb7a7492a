package dev.lockscope.agent;

import dev.lockscope.agent.adapt.Adapter;
import dev.lockscope.agent.adapt.LocksOnBootPath;
import dev.lockscope.agent.advice.AdviceEngine;
import dev.lockscope.agent.advice.RunnableSampler;
import dev.lockscope.agent.dispatch.LockscopeDispatch;
import dev.lockscope.agent.control.AgentControl;
import dev.lockscope.agent.control.ControlledAgent;
import dev.lockscope.agent.instrument.JdkLockHooks;
import dev.lockscope.agent.instrument.SiteRewriter;
import dev.lockscope.agent.jfr.EventReporter;
import dev.lockscope.agent.jfr.Recorder;
import dev.lockscope.agent.meters.MeterOptions;
import dev.lockscope.agent.meters.MetricsSupport;
import dev.lockscope.agent.monitor.MonitorStream;
import dev.lockscope.agent.hooks.LockHooks;
import dev.lockscope.agent.registry.LockRegistry;
import dev.lockscope.agent.registry.SiteBindings;
import dev.lockscope.agent.registry.SiteBudgets;
import dev.lockscope.agent.hooks.SyncAccess;
import dev.lockscope.events.AgentStatus;
import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.management.ObjectName;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/** The agent's implementation entry, loaded in the isolated agent class loader by {@code entry.AgentEntry}. */
public final class AgentMain implements ControlledAgent {
    static final String VERSION = "0.1.0";

    /** The options of the last start: a restart (an attach after a stop) takes the new attach's. */
    private volatile AgentOptions options;
    private final Instrumentation inst;
    private final LockRegistry registry;
    private final LockHooks hooks;
    private final SyncAccess access;
    private final List<String> hookNames = new ArrayList<>();
    private SiteRewriter siteRewriter;
    private JdkLockHooks installer;
    /** Virtual threads' monitor waits (JDK 24+ hooks installed), or null; then {@link #virtualStatus} says why. */
    private volatile dev.lockscope.agent.monitor.VirtualMonitorWaits virtualMonitors;
    private dev.lockscope.agent.instrument.VirtualThreadHooks virtualThreadHooks;
    private volatile String virtualStatus;
    private MonitorStream monitors;
    private ProbeJoin probe;
    private MetricsSupport metrics;
    private Adapter adapter;
    private AdviceEngine advice;
    private dev.lockscope.agent.sections.SectionTable sections;
    private dev.lockscope.agent.jfr.CriticalSectionEvents sectionEvents;
    /** Milliseconds from premain until the JDK lock hooks were live (-1 until then). */
    private volatile long startMillis = -1;
    private boolean dynamic;
    /** Told to stop (by attach stop=, or its attached recording ended); hooks off, threads ended, nothing left. */
    private volatile boolean stopped;
    private Thread backgroundThread;
    private EventReporter reporter;
    private FlightRecorderListener recordingListener;
    /** Our record= recording, null when none (or another recording took our events). */
    private volatile Recording recording;
    private ObjectName mbean;

    private AgentMain(AgentOptions options, Instrumentation inst) throws ReflectiveOperationException {
        this.options = options;
        this.inst = inst;
        int maxLocks = options.integer("maxLocks");
        registry = new LockRegistry(maxLocks, 65536, 1 << 18, Math.max(64, maxLocks / 4));
        access = new SyncAccess0(inst).access;
        hooks = new LockHooks(registry, access, options.integer("sampleRate"), options.duration("holdSpanEvery").toNanos());
    }

    /**
     * Called reflectively by {@code entry.AgentEntry}, {@code premainNanos} being its {@link System#nanoTime()} on entry (before
     * it unpacked the nested jars). Returns the running agent (kept for re-attach).
     */
    public static Object start(String args, Instrumentation inst, boolean dynamic, File agentJar, long premainNanos) throws Exception {
        AgentOptions options = AgentOptions.parse(args);
        String when = options.string("backgroundStart");
        if (!when.equals("quiet") && !when.equals("now")) {
            throw new IllegalArgumentException("backgroundStart must be quiet or now, not '" + when + "'");
        }
        AgentLog.mode(options.string("log"));
        if (!options.string("adapt").isEmpty()) {
            // Before preload: the agent's own loader must never define a second copy of the lock classes.
            log("adapt: adaptive-locks " + LocksOnBootPath.inject(inst));
        }
        preload(agentJar);
        AgentMain agent = new AgentMain(options, inst);
        agent.run(dynamic, premainNanos);
        return agent;
    }

    /**
     * A second attach: {@code stop} stops the agent; on a stopped agent, starts it again with the new options;
     * otherwise applies {@code enabled=} and {@code record=} to the running agent.
     */
    public void reconfigure(String args) throws Exception {
        AgentOptions o = AgentOptions.parse(args);
        if (o.bool("stop")) {
            stop("asked to by attach stop");
            return;
        }
        if (stopped) {
            restart(o);
            return;
        }
        if (o.given("adapt")) {
            log("adapt= is read when the agent starts; a later attach cannot change it");
        }
        if (o.given("enabled")) {
            setEnabled(o.bool("enabled"));
        }
        if (!o.string("record").isEmpty()) {
            startRecording(o);
        }
    }

    /**
     * On the application's start-up path, only what must be in place before its classes load and its threads contend:
     * the load-time transformers (construction sites, critical sections) and the JDK lock hooks, live when this
     * returns (tens of milliseconds: AgentStatus.startDuration). The rest (the native probe, JFR events and the monitor
     * stream, advice, meters, JMX) starts on a thread of its own once the application's class loading has settled
     * ({@code backgroundStart=quiet}, at most 20 s; {@code now} starts it at once), unless the caller must wait for it:
     * {@code record=} (a short program would end before its recording started), {@code adapt=} (its swaps need the
     * probe from the first class on) and attach (the command waits for the agent it loads).
     */
    private void run(boolean dynamic, long premain) throws Exception {
        this.dynamic = dynamic;
        if (options.bool("sites")) {
            int[] budget = SiteBudgets.parse(options.string("siteBudget"));
            registry.siteBudgets = new SiteBudgets(LockscopeDispatch.SITE_BUDGET, LockscopeDispatch.SKIP_FLOOR, registry.sites, budget[0], budget[1]);
            siteRewriter = new SiteRewriter(registry.sites, AgentMain.class.getClassLoader());
            inst.addTransformer(siteRewriter, false);
            hookNames.add("sites");
        }
        sections = dev.lockscope.agent.sections.Sections.install(inst, AgentMain.class.getClassLoader());
        warmUp();
        JdkLockHooks installer = new JdkLockHooks();
        installer.install(inst);
        for (String err : installer.errors()) {
            log("hook not installed: " + err);
        }
        this.installer = installer;
        installVirtualThreadHooks();
        if (options.bool("enabled")) {
            // Until the probe joins, waits are timed without owner on-CPU shares or futex counts.
            LockscopeDispatch.hooks = hooks;
        }
        startMillis = (System.nanoTime() - premain) / 1_000_000;
        boolean wait = dynamic || !options.string("record").isEmpty() || !options.string("adapt").isEmpty();
        boolean quiet = !wait && options.string("backgroundStart").equals("quiet");
        // Always on a thread of the agent's own, even when premain (or attach) waits for it: what the start does
        // (JFR recordings and streams, meters, JMX) takes locks that JFR's and the application's threads take too, and
        // waits for a lock a lockscope thread holds are the agent's cost, never the application's contention.
        Thread caller = Thread.currentThread();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean done = new AtomicBoolean();
        Thread starter = new Thread(() -> {
            try {
                if (quiet) {
                    StartupQuiet.await(dev.lockscope.agent.instrument.TransformClock::calls, QUIET_WAIT_MAX_MS, StartupQuiet.POLL_MS);
                }
                startRest();
            } catch (Throwable t) {
                failure.set(t);
                if (!wait) {
                    log("not fully started: " + t);
                }
            } finally {
                done.set(true);
                LockSupport.unpark(caller);
            }
        }, "lockscope-start");
        starter.setDaemon(true);
        starter.start();
        if (wait) {
            // Parked, not joined: a join or a latch would itself be a wait of the host's thread on a lock.
            while (!done.get()) {
                LockSupport.parkNanos(10_000_000L);
            }
            Throwable t = failure.get();
            if (t instanceof Exception) {
                throw (Exception) t;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }

    /**
     * JDK 24+: hooks in java.lang.VirtualThread that time virtual threads' monitor waits (they unmount, and the JDK
     * records no event for them), when the class and the JDK's thread snapshots are as expected; else the reason.
     */
    private void installVirtualThreadHooks() {
        int feature = Runtime.version().feature();
        String why = null;
        dev.lockscope.agent.monitor.ThreadSnapshots snapshots = null;
        if (feature < 21) {
            why = "JDK " + feature + " has no virtual threads";
        } else if (feature >= 24) {
            if (!dev.lockscope.agent.hooks.VirtualThreads.fieldsReadable()) {
                why = "java.lang.VirtualThread's carrierThread and state fields are not readable";
            } else {
                try {
                    snapshots = dev.lockscope.agent.monitor.ThreadSnapshots.open();
                } catch (Throwable t) {
                    why = "the JDK's thread snapshots (jdk.internal.vm.ThreadSnapshot, JDK 25) are not usable, so a blocked"
                            + " virtual thread's monitor cannot be named: " + t;
                }
            }
        }
        dev.lockscope.agent.instrument.VirtualThreadHooks vth = new dev.lockscope.agent.instrument.VirtualThreadHooks();
        if (why == null) {
            why = vth.install(inst, feature);
        }
        if (why == null) {
            virtualMonitors = new dev.lockscope.agent.monitor.VirtualMonitorWaits(registry, hooks, snapshots, vth.blockingState(),
                    options.integer("maxLocks"));
            hooks.virtualMonitors(virtualMonitors);
            hookNames.add("VirtualThread");
            virtualThreadHooks = vth;
        } else {
            virtualStatus = "not timed: " + why;
            if (feature >= 21) {
                log("virtual threads' monitor waits " + virtualStatus);
            }
        }
    }

    /** At stop: java.lang.VirtualThread goes back to the JVM's own class (the hooks are already off). */
    private void restoreVirtualThread() {
        String why = virtualThreadHooks.uninstall(inst);
        if (why != null) {
            log(why);
        }
    }

    /** At a restart: the virtual-thread hooks again, on the class as the JVM now has it; else the reason. */
    private void reinstallVirtualThreadHooks() {
        if (virtualThreadHooks == null) {
            return;
        }
        String why = virtualThreadHooks.install(inst, Runtime.version().feature());
        if (why != null) {
            hooks.virtualMonitors(null);
            virtualMonitors = null;
            virtualThreadHooks = null;
            hookNames.remove("VirtualThread");
            virtualStatus = "not timed: " + why;
            log("virtual threads' monitor waits " + virtualStatus);
        }
    }

    /** The longest the background parts wait for the application's start-up to settle. */
    static final long QUIET_WAIT_MAX_MS = 20_000;

    private synchronized void startRest() throws Exception {
        if (stopped) {
            return;
        }
        probe = ProbeJoin.find(options.string("probe"), options.string("futexDuty"));
        if (!probe.available() && !options.string("probe").equalsIgnoreCase("off")) {
            log("native probe unavailable: " + probe.reason + "; carrying on without owner on-CPU share and futex counts");
        } else if (probe.available() && !probe.reason.isEmpty()) {
            log("native probe joined (owner on-CPU share measured); futex calls " + probe.reason);
        }
        registry.probeLabels = probe.labels;
        // Before any LockWait is written: their stacks start at the application's acquire site from the first one.
        String stacks = dev.lockscope.agent.jfr.LockWaitStacks.trim(inst);
        if (stacks != null) {
            log(dev.lockscope.events.LockWait.NAME + " stacks " + stacks);
        }
        warmUpProbe(); // before the hooks call the probe: no class of ours loads inside an application's lock
        hooks.joinProbe(probe.reads);
        if (!options.string("adapt").isEmpty() && adapter == null) {
            adapter = Adapter.start(inst, options.string("adapt"),
                    probe.available() ? dev.lockscope.probe.Probe.get().onCpuOracle() : null, probe.reason, AgentMain::log, registry.sites);
        }
        advice = new AdviceEngine(registry, new RunnableSampler(), options.integer("summaryTop"), probe::monitorShares, AgentMain::log);
        if (adapter != null && adapter.auto()) {
            Adapter a = adapter;
            advice.addListener((site, verdict) -> {
                if (verdict == dev.lockscope.advisor.Verdict.ADOPT_ADAPTIVE_LOCK) {
                    a.adopt(site);
                }
            });
        }
        reporter = new EventReporter(registry, options.integer("summaryTop"), this::status, probe::event,
                advice.sampler(), probe::monitorShares);
        reporter.register();
        new dev.lockscope.events.LockWait().shouldCommit(); // JFR's event machinery loads here, before hooks write events
        if (sections != null) {
            sectionEvents = new dev.lockscope.agent.jfr.CriticalSectionEvents(sections);
            sectionEvents.register();
        }
        hooks.waitEventsEnabled = EventReporter.waitEventsEnabled();
        recordingListener = new FlightRecorderListener() {
            @Override
            public void recordingStateChanged(Recording changed) {
                hooks.waitEventsEnabled = EventReporter.waitEventsEnabled();
                // Attached for one recording: when it ends, so does the agent (nothing left running in the target).
                if (dynamic && changed == recording && changed.getDuration() != null
                        && (changed.getState() == RecordingState.STOPPED || changed.getState() == RecordingState.CLOSED)) {
                    stopSoon("its recording ended");
                }
            }
        };
        FlightRecorder.addListener(recordingListener);
        // Start our recordings before any hook writes an event: a JFR chunk rotation racing with the first
        // commits of a string can leave that string out of the chunk (shown as N/A).
        if (options.bool("monitors")) {
            try {
                monitors = new MonitorStream(registry, options.duration("monitorThreshold"), probe.monitorOwnerShare(),
                        options.bool("monitorSites"));
                monitors.start();
                if (!hookNames.contains("monitors")) { // a restart starts the stream again
                    hookNames.add("monitors");
                }
            } catch (Throwable t) {
                log("synchronized monitors not tracked: " + t);
            }
        }
        if (!options.string("record").isEmpty()) {
            startRecording(options);
        }
        hooks.waitEventsEnabled = EventReporter.waitEventsEnabled();
        advice.start();
        Thread background = new Thread(this::background, "lockscope-agent");
        background.setDaemon(true);
        backgroundThread = background;
        background.start();
        // The libraries' own threads started by now (the native probe's JNA) are the agent's too.
        dev.lockscope.agent.registry.AgentThreads.claimLibraryThreads(AgentMain.class.getClassLoader());
        AgentLog.headline(startLine());
    }

    /** The one line the host sees at start: what runs, what does not, where the recording goes. */
    private String startLine() {
        StringBuilder b = new StringBuilder("agent " + VERSION + " started in " + startMillis + " ms: hooks "
                + hooksDescription() + "; native probe ");
        b.append(probe.available() ? "joined" : "off (" + probe.reason + ")");
        Recording r = recording;
        if (r != null) {
            b.append("; recording to ").append(r.getDestination())
                    .append(r.getDuration() == null ? " until exit" : " for " + r.getDuration().toMillis() / 1000.0 + " s");
        }
        if (!options.string("log").equals("verbose")) {
            b.append(" (details: log=verbose)");
        }
        return b.toString();
    }

    /** Stops on a thread of its own: a JFR listener must not wait for JFR. */
    private void stopSoon(String why) {
        Thread t = new Thread(() -> stop(why), "lockscope-stop");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Stops the agent and leaves nothing of it running: hooks off (the JDK lock classes keep a null check that returns
     * at once), transformers removed, its threads ended, the monitor stream and periodic events closed, meters removed
     * from every registry, the Prometheus endpoint and JMX bean gone, the probe's eBPF programs detached (unless
     * adaptive locks swapped in by adapt= still read them), and its own recording stopped, which writes the file.
     * Locks already swapped by adapt= stay adaptive locks. An attach afterwards starts it again.
     */
    public synchronized void stop(String why) {
        if (stopped) {
            return;
        }
        stopped = true;
        LockscopeDispatch.hooks = null;
        quietly(() -> virtualMonitors.clear(), virtualMonitors);
        quietly(this::restoreVirtualThread, virtualThreadHooks);
        if (siteRewriter != null) {
            inst.removeTransformer(siteRewriter);
        }
        if (sections != null && sections.transformer != null) {
            inst.removeTransformer(sections.transformer);
        }
        quietly(() -> advice.stop(), advice);
        quietly(() -> monitors.stop(), monitors);
        monitors = null;
        Thread background = backgroundThread;
        if (background != null) {
            background.interrupt();
            quietly(() -> background.join(2000), background);
        }
        quietly(() -> metrics.stop(), metrics);
        metrics = null;
        quietly(() -> reporter.unregister(), reporter);
        quietly(() -> sectionEvents.unregister(), sectionEvents);
        quietly(() -> FlightRecorder.removeListener(recordingListener), recordingListener);
        quietly(() -> ManagementFactory.getPlatformMBeanServer().unregisterMBean(mbean), mbean);
        mbean = null;
        Recording r = recording;
        recording = null;
        if (r != null && r.getState() == RecordingState.RUNNING) {
            quietly(r::stop, r);
        }
        quietly(() -> probe.stop(adapter != null), probe);
        AgentLog.headline("agent stopped (" + why + "): " + registry.tracked() + " locks tracked"
                + (r == null ? "" : "; recording written to " + r.getDestination()));
    }

    /** A stopped agent started again by a later attach, with that attach's options (adapt= is not read again). */
    private synchronized void restart(AgentOptions o) throws Exception {
        options = o;
        AgentLog.mode(o.string("log"));
        if (siteRewriter != null) {
            inst.addTransformer(siteRewriter, false);
        }
        if (sections != null && sections.transformer != null) {
            inst.addTransformer(sections.transformer, false);
        }
        reinstallVirtualThreadHooks();
        if (o.bool("enabled")) {
            LockscopeDispatch.hooks = hooks;
        }
        stopped = false;
        startRest();
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Runs one step of stopping when its part exists; a failing part never keeps the rest running. */
    private static void quietly(Step step, Object part) {
        if (part == null) {
            return;
        }
        try {
            step.run();
        } catch (Throwable t) {
            log("while stopping: " + t);
        }
    }

    /**
     * Pause between drains of construction-site bindings while they stream in, and the longest when quiet (a burst
     * wakes the thread early: {@link SiteBindings#awaitBindings}). Once a second also paces the sweep, budgets and
     * meters below. Each wake-up can preempt a lock owner on a busy host (docs/PERFORMANCE.md, "Agent overhead on
     * the lock paths").
     */
    static final long MIN_DRAIN_PAUSE_MS = 5;
    static final long IDLE_DRAIN_PAUSE_MS = 1000;

    /** Off the application's threads: JMX registration, metrics endpoint, binding to the app's Micrometer. */
    private void background() {
        try {
            if (options.bool("jmx")) {
                ObjectName name = new ObjectName("dev.lockscope:type=Agent");
                ManagementFactory.getPlatformMBeanServer().registerMBean(new AgentControl(this), name);
                mbean = name;
            }
        } catch (Throwable t) {
            log("JMX control not registered: " + t);
        }
        try {
            metrics = new MetricsSupport(registry, meterOptions(options), inst, AgentMain::log);
            metrics.start();
        } catch (Throwable t) {
            AgentLog.warning("metrics not started: " + t.getMessage());
        }
        long lastRefresh = 0;
        long pauseMs = MIN_DRAIN_PAUSE_MS;
        while (!stopped) {
            try {
                // Drain construction-site bindings every few ms while they stream in (the ring holds a few thousand),
                // backing off to IDLE_DRAIN_PAUSE_MS when quiet.
                registry.bindings.awaitBindings(pauseMs);
                int moved = registry.bindings.drain();
                pauseMs = moved > SiteBindings.BUSY_DRAIN ? MIN_DRAIN_PAUSE_MS : Math.min(IDLE_DRAIN_PAUSE_MS, 2 * pauseMs);
                long now = System.nanoTime();
                if (now - lastRefresh >= 1_000_000_000L) {
                    lastRefresh = now;
                    // Collected locks leave the table (their counts folded into their sites) whether or not a
                    // recording asks for summaries.
                    registry.locks.sweep();
                    dev.lockscope.agent.monitor.VirtualMonitorWaits vm = virtualMonitors;
                    if (vm != null) {
                        vm.sweep();
                    }
                    if (sections != null) {
                        sections.classifyPending();
                    }
                    hooks.waitEventsEnabled = EventReporter.waitEventsEnabled();
                    SiteBudgets budgets = registry.siteBudgets;
                    if (budgets != null) {
                        budgets.refill(AgentMain::log);
                    }
                    if (metrics != null) {
                        metrics.refresh();
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) {
                // keep going: the agent must not die on a bad refresh
            }
        }
    }

    private void startRecording(AgentOptions o) throws Exception {
        String[] why = new String[1];
        // %p is this JVM's pid, as in -XX:StartFlightRecording: a command that starts several JVMs gets a file each.
        String file = o.string("record").replace("%p", Long.toString(ProcessHandle.current().pid()));
        Recording r = Recorder.startIfNone(Paths.get(file).toAbsolutePath(),
                o.string("duration").isEmpty() ? null : o.duration("duration"),
                monitors == null ? java.util.Set.of() : monitors.ownRecordingIds, why);
        if (r == null) {
            AgentLog.warning("record=" + o.string("record") + " not started: " + why[0]);
        }
        recording = r;
    }

    /** Runs every hook once on the agent's own lock so all classes they need are loaded before any app thread calls them. */
    private void warmUp() throws InterruptedException {
        // A throwaway registry: the warm-up must not show up as a contended lock.
        LockHooks hooks = new LockHooks(new LockRegistry(16, 64, 1024, 16), access, 1, 0);
        ReentrantLock lock = new ReentrantLock();
        Object sync = access.syncOf(lock);
        hooks.constructed(lock, 0);
        registry.bindings.drain();
        long t = hooks.waitBegin(sync, dev.lockscope.agent.dispatch.Hooks.MODE_EXCLUSIVE);
        hooks.waitEnd(sync, t, true);
        hooks.wokeSuccessor(Thread.currentThread());
        Condition c = lock.newCondition();
        long ct = hooks.conditionBegin(c);
        hooks.conditionEnd(c, ct);
        registry.describeTop(1);
        registry.siteTotals(0);
    }

    /** Runs the hooks' probe paths once on throwaway state, as {@link #warmUp} does for the rest. */
    private void warmUpProbe() throws InterruptedException {
        if (probe.reads == null) {
            return;
        }
        int tid = probe.reads.currentTid();
        probe.reads.onCpuNanos(tid, System.nanoTime());
        probe.reads.futexCalls(tid);
        probe.reads.futexEpoch();
        LockHooks hooks = new LockHooks(new LockRegistry(16, 64, 1024, 16), access, 1, 0);
        hooks.joinProbe(probe.reads);
        ReentrantLock lock = new ReentrantLock();
        Object sync = access.syncOf(lock);
        long t = hooks.waitBegin(sync, dev.lockscope.agent.dispatch.Hooks.MODE_EXCLUSIVE);
        hooks.waitEnd(sync, t, true);
    }

    /** Loads (without initialising) every class of the agent jar, so no hook ever triggers class loading of our own code. */
    private static void preload(File agentJar) {
        try {
            ClassLoader loader = AgentMain.class.getClassLoader();
            File self = new File(AgentMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (JarFile jar = new JarFile(self)) {
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    String n = entries.nextElement().getName();
                    if (n.startsWith("dev/lockscope/") && n.endsWith(".class") && !n.contains("module-info")) {
                        try {
                            Class.forName(n.substring(0, n.length() - 6).replace('/', '.'), false, loader);
                        } catch (Throwable ignored) {
                            // a class that cannot load here is never used by hooks
                        }
                    }
                }
            }
        } catch (Throwable t) {
            log("preload skipped: " + t);
        }
    }

    @Override
    public boolean enabled() {
        return LockscopeDispatch.hooks != null;
    }

    @Override
    public void setEnabled(boolean on) {
        LockscopeDispatch.hooks = on ? hooks : null;
        log(on ? "turned on" : "turned off (hooks return at once; JFR monitor events still flow)");
    }

    /** The in-agent advisor: register a {@link dev.lockscope.agent.advice.VerdictListener} here (e.g. for adapt=auto). */
    public AdviceEngine advice() {
        return advice;
    }

    /** Installed hooks, e.g. "sites,monitors,AQS,ConditionObject,StampedLock" (classes appear as they are transformed). */
    public String hooksDescription() {
        List<String> all = new ArrayList<>(hookNames);
        if (installer != null) {
            all.addAll(new java.util.TreeSet<>(installer.installed()));
        }
        return String.join(",", all);
    }

    @Override
    public String topLocks(int n) {
        return registry.describeTop(n);
    }

    @Override
    public AgentStatus status() {
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
        e.adaptedSites = adapter == null ? "" : adapter.describe();
        e.startDuration = startMillis;
        e.transformTime = dev.lockscope.agent.instrument.TransformClock.totalNanos();
        e.sectionClassesSkipped = sections == null ? 0 : sections.classesSkipped();
        e.messages = AgentLog.recent();
        e.adviceSitesSkipped = advice == null ? 0 : advice.sitesSkipped();
        e.ownWaitsLeftOut = registry.leftOut.ownWaits();
        e.agentOwnedWaits = registry.leftOut.agentOwnedWaits();
        e.agentOwnedWaitTime = registry.leftOut.agentOwnedNanos();
        e.lockWaitStacks = dev.lockscope.agent.jfr.LockWaitStacks.describe();
        dev.lockscope.agent.monitor.VirtualMonitorWaits vm = virtualMonitors;
        e.virtualThreadMonitors = vm != null ? vm.describe() : virtualStatus;
        return e;
    }

    /** The options the meters read, from the options of the last start. */
    private static MeterOptions meterOptions(AgentOptions o) {
        return new MeterOptions() {
            @Override
            public int topSites() {
                return o.integer("metricsTopSites");
            }

            @Override
            public int prometheusPort() {
                return o.integer("metricsPort");
            }

            @Override
            public boolean appMeters() {
                return o.bool("appMeters");
            }
        };
    }

    /** A detail line: kept for the recording's AgentStatus, printed only with log=verbose. */
    static void log(String line) {
        AgentLog.detail(line);
    }

    /** Opens java.util.concurrent(.locks) to the agent and lets java.base read the boot dispatcher, then builds the accessors. */
    private static final class SyncAccess0 {
        final SyncAccess access;

        SyncAccess0(Instrumentation inst) throws ReflectiveOperationException {
            Module base = Object.class.getModule();
            Module self = AgentMain.class.getModule();
            inst.redefineModule(base, Set.of(LockscopeDispatch.class.getModule()), Map.of(),
                    Map.of("java.util.concurrent.locks", Set.of(self), "java.util.concurrent", Set.of(self),
                            // Virtual threads' carrier and state, and the JDK's thread snapshots (JDK 21+).
                            "java.lang", Set.of(self), "jdk.internal.vm", Set.of(self)), Set.of(), Map.of());
            access = new SyncAccess();
            dev.lockscope.agent.hooks.VirtualThreads.fieldsReadable(); // initialised now java.lang is open
        }
    }
}
