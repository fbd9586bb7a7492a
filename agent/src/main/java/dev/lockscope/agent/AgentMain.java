package dev.lockscope.agent;

import dev.lockscope.advisor.Verdict;
import dev.lockscope.agent.adapt.Adapter;
import dev.lockscope.agent.adapt.LocksOnBootPath;
import dev.lockscope.agent.advice.AdviceEngine;
import dev.lockscope.agent.advice.RunnableSampler;
import dev.lockscope.agent.advice.VerdictListener;
import dev.lockscope.agent.control.AgentControl;
import dev.lockscope.agent.control.ControlledAgent;
import dev.lockscope.agent.dispatch.LockscopeDispatch;
import dev.lockscope.agent.hooks.LockHooks;
import dev.lockscope.agent.hooks.SyncAccess;
import dev.lockscope.agent.instrument.JdkLockHooks;
import dev.lockscope.agent.instrument.LoadTimeTransformer;
import dev.lockscope.agent.instrument.SiteRewriter;
import dev.lockscope.agent.instrument.TransformClock;
import dev.lockscope.agent.jfr.CriticalSectionEvents;
import dev.lockscope.agent.jfr.EventReporter;
import dev.lockscope.agent.jfr.LockWaitStacks;
import dev.lockscope.agent.jfr.LockWaitSwitch;
import dev.lockscope.agent.jfr.Recorder;
import dev.lockscope.agent.meters.MeterOptions;
import dev.lockscope.agent.meters.MetricsSupport;
import dev.lockscope.agent.monitor.MonitorStream;
import dev.lockscope.agent.registry.AgentThreads;
import dev.lockscope.agent.registry.LockRegistry;
import dev.lockscope.agent.registry.SiteBudgets;
import dev.lockscope.agent.sections.SectionTable;
import dev.lockscope.agent.sections.Sections;
import dev.lockscope.events.AgentStatus;
import dev.lockscope.events.LockWait;
import dev.lockscope.probe.Probe;
import java.io.File;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import javax.management.ObjectName;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/**
 * The agent's composition: builds its parts, starts them in order (premain or attach), and stops them. Loaded in the
 * isolated agent class loader by {@code entry.AgentEntry}. What runs once a second is {@link BackgroundLoop}; what the
 * agent reports about itself, {@link StatusReport}; the warm-up before the hooks go live, {@link WarmUp}.
 */
public final class AgentMain implements ControlledAgent {
    /** The options of the last start: a restart (an attach after a stop) takes the new attach's. */
    private volatile AgentOptions options;
    private final Instrumentation inst;
    private final LockRegistry registry;
    private final SyncAccess access;
    private final LockWaitSwitch waitEvents = new LockWaitSwitch();
    private final LockHooks hooks;
    /** Hooks installed by name, for the status: the start and restart threads add, JFR's and JMX's threads read. */
    private final List<String> hookNames = new CopyOnWriteArrayList<>();
    private final VirtualThreadMonitoring virtualThreads;
    private SiteRewriter siteRewriter;
    /** The site rewriter and the section reader, registered as one transformer. */
    private LoadTimeTransformer transformer;
    private SectionTable sections;
    private BackgroundLoop loop;
    private StatusReport status;
    private MonitorStream monitors;
    private ProbeJoin probe;
    private MetricsSupport metrics;
    private Adapter adapter;
    private AdviceEngine advice;
    private EventReporter reporter;
    private CriticalSectionEvents sectionEvents;
    private boolean dynamic;
    /** Told to stop (by attach stop=, or its attached recording ended); hooks off, threads ended, nothing left. */
    private volatile boolean stopped;
    private FlightRecorderListener recordingListener;
    /** Our record= recording, null when none (or another recording took our events). */
    private volatile Recording recording;
    private ObjectName mbean;

    private AgentMain(AgentOptions options, Instrumentation inst) throws ReflectiveOperationException {
        this.options = options;
        this.inst = inst;
        int maxLocks = options.integer("maxLocks");
        registry = new LockRegistry(maxLocks, 65536, 1 << 18, Math.max(64, maxLocks / 4));
        access = JdkAccess.open(inst);
        hooks = new LockHooks(registry, access, options.integer("sampleRate"), options.duration("holdSpanEvery").toNanos(), waitEvents);
        virtualThreads = new VirtualThreadMonitoring(inst, registry, hooks, hookNames, AgentMain::log);
    }

    /**
     * Called reflectively by {@code entry.AgentEntry}, {@code premainNanos} being its {@link System#nanoTime()} on entry
     * (before it unpacked the nested jars). Returns the running agent (kept for re-attach).
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
     * returns (tens of milliseconds: AgentStatus.premainDuration). The rest (every other class of the agent loaded,
     * the native probe, JFR events and the monitor stream, advice, meters, JMX) starts on a thread of its own: the
     * classes at once, the parts once the application's class loading has settled ({@code backgroundStart=quiet}, at
     * most 20 s; {@code now} starts them at once), unless the caller must wait for them: {@code record=} (a short
     * program would end before its recording started), {@code adapt=} (its swaps need the probe from the first class
     * on) and attach (the command waits for the agent it loads).
     */
    private void run(boolean dynamic, long premain) throws Exception {
        this.dynamic = dynamic;
        if (options.bool("sites")) {
            int[] budget = SiteBudgets.parse(options.string("siteBudget"));
            registry.siteBudgets = new SiteBudgets(LockscopeDispatch.SITE_BUDGET, LockscopeDispatch.SKIP_FLOOR, registry.sites, budget[0], budget[1]);
            siteRewriter = new SiteRewriter(registry.sites, AgentMain.class.getClassLoader());
            hookNames.add("sites");
        }
        sections = Sections.create(AgentMain.class.getClassLoader());
        List<ClassFileTransformer> parts = new ArrayList<>();
        if (siteRewriter != null) {
            parts.add(siteRewriter);
        }
        if (sections != null) {
            parts.add(sections.transformer);
        }
        transformer = new LoadTimeTransformer(parts);
        if (!transformer.isEmpty()) {
            inst.addTransformer(transformer, false);
        }
        loop = new BackgroundLoop(registry, virtualThreads::waits, sections, waitEvents, () -> metrics, AgentMain::log);
        status = new StatusReport(options, registry, hooks, loop, virtualThreads, hookNames);
        WarmUp.hooks(access, registry);
        JdkLockHooks installer = new JdkLockHooks();
        installer.install(inst);
        for (String err : installer.errors()) {
            log("hook not installed: " + err);
        }
        virtualThreads.install(options.integer("maxLocks"));
        if (options.bool("enabled")) {
            // Until the probe joins, waits are timed without owner on-CPU shares or futex counts.
            LockscopeDispatch.hooks = hooks;
        }
        status.hooksLive(installer, sections, (System.nanoTime() - premain) / 1_000_000);
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
                // The hooks' own paths were run once above (WarmUp.hooks); this loads what a rarer path may need,
                // off the application's main thread, so that no class of the agent loads inside its locks later.
                WarmUp.preload(AgentMain::log);
                if (quiet) {
                    StartupQuiet.await(TransformClock::calls, QUIET_WAIT_MAX_MS, StartupQuiet.POLL_MS);
                }
                startRest();
            } catch (Throwable t) {
                failure.set(t);
                if (!wait) {
                    log(JvmShutdown.inProgress() ? JvmShutdown.SKIPPED : "not fully started: " + t);
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
        status.premainReturned((System.nanoTime() - premain) / 1_000_000);
    }

    /** The longest the background parts wait for the application's start-up to settle. */
    static final long QUIET_WAIT_MAX_MS = 20_000;

    private synchronized void startRest() throws Exception {
        if (stopped) {
            return;
        }
        // A program that ends while the agent starts: its parts would fail one by one ("Shutdown in progress").
        if (JvmShutdown.inProgress()) {
            log(JvmShutdown.SKIPPED);
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
        String stacks = LockWaitStacks.trim(inst);
        if (stacks != null) {
            log(LockWait.NAME + " stacks " + stacks);
        }
        WarmUp.probe(probe.reads, access); // before the hooks call the probe: no class of ours loads inside an application's lock
        hooks.joinProbe(probe.reads);
        if (!options.string("adapt").isEmpty() && adapter == null) {
            adapter = Adapter.start(inst, options.string("adapt"),
                    probe.available() ? Probe.get().onCpuOracle() : null, probe.reason, AgentMain::log, registry.sites);
        }
        advice = new AdviceEngine(registry, new RunnableSampler(), options.integer("summaryTop"), probe::monitorShares, AgentMain::log);
        if (adapter != null && adapter.auto()) {
            Adapter a = adapter;
            advice.addListener((site, verdict) -> {
                if (verdict == Verdict.ADOPT_ADAPTIVE_LOCK) {
                    a.adopt(site);
                }
            });
        }
        status.started(options, adapter, advice);
        reporter = new EventReporter(registry, options.integer("summaryTop"), status::event, probe::event,
                EventSources.runnable(advice.sampler()), EventSources.monitorShares(probe));
        reporter.register();
        new LockWait().shouldCommit(); // JFR's event machinery loads here, before hooks write events
        if (sections != null) {
            sectionEvents = new CriticalSectionEvents(sections);
            sectionEvents.register();
        }
        waitEvents.start();
        recordingListener = new FlightRecorderListener() {
            @Override
            public void recordingStateChanged(Recording changed) {
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
                String kept = monitors.trimParsedMetadata(inst);
                if (kept != null) {
                    log("JFR's parsed metadata tree kept by the monitor stream: " + kept);
                }
                monitors.start();
                if (!hookNames.contains("monitors")) { // a restart starts the stream again
                    hookNames.add("monitors");
                }
            } catch (Throwable t) {
                if (JvmShutdown.inProgress()) {
                    log(JvmShutdown.SKIPPED);
                    return;
                }
                log("synchronized monitors not tracked: " + t);
            }
        }
        if (!options.string("record").isEmpty()) {
            startRecording(options);
        }
        waitEvents.refresh();
        advice.start();
        loop.start(this::startControlAndMeters);
        // The libraries' own threads started by now (the native probe's JNA) are the agent's too.
        AgentThreads.claimLibraryThreads(AgentMain.class.getClassLoader());
        AgentLog.headline(startLine());
    }

    /** On the background thread before its first round, off the application's threads: JMX, then the meters. */
    private void startControlAndMeters() {
        if (JvmShutdown.inProgress()) {
            return; // nothing to serve or export any more, and no line to print for it
        }
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
    }

    /** The one line the host sees at start: what runs, what does not, where the recording goes. */
    private String startLine() {
        StringBuilder b = new StringBuilder("agent " + StatusReport.VERSION + " started in " + status.startMillis()
                + " ms: hooks " + status.hooksDescription() + "; native probe ");
        b.append(probe.available() ? "joined" : "off (" + AgentLog.clip(AgentLog.oneLine(probe.reason), START_LINE_REASON) + ")");
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

    /** The most of the probe's reason the start line carries; the whole reason is a detail line (log=verbose). */
    static final int START_LINE_REASON = 240;

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
        quietly(virtualThreads::clearWaits, virtualThreads);
        quietly(virtualThreads::giveClassBack, virtualThreads);
        if (transformer != null) {
            inst.removeTransformer(transformer);
        }
        quietly(() -> advice.stop(), advice);
        quietly(() -> monitors.stop(), monitors);
        monitors = null;
        quietly(loop::stop, loop);
        quietly(() -> metrics.stop(), metrics);
        metrics = null;
        quietly(() -> reporter.unregister(), reporter);
        quietly(() -> sectionEvents.unregister(), sectionEvents);
        quietly(waitEvents::stop, waitEvents);
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
        if (transformer != null && !transformer.isEmpty()) {
            inst.addTransformer(transformer, false);
        }
        virtualThreads.reinstall();
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

    private void startRecording(AgentOptions o) throws Exception {
        String[] why = new String[1];
        // %p is this JVM's pid, as in -XX:StartFlightRecording: a command that starts several JVMs gets a file each.
        String file = o.string("record").replace("%p", Long.toString(ProcessHandle.current().pid()));
        Recording r = Recorder.startIfNone(Paths.get(file).toAbsolutePath(),
                o.string("duration").isEmpty() ? null : o.duration("duration"),
                monitors == null ? Set.of() : monitors.ownRecordingIds, why);
        if (r == null) {
            AgentLog.warning("record=" + o.string("record") + " not started: " + why[0]);
        }
        recording = r;
    }

    @Override
    public boolean enabled() {
        return StatusReport.enabled();
    }

    @Override
    public void setEnabled(boolean on) {
        LockscopeDispatch.hooks = on ? hooks : null;
        log(on ? "turned on" : "turned off (hooks return at once; JFR monitor events still flow)");
    }

    /** The in-agent advisor: register a {@link VerdictListener} here (e.g. for adapt=auto). */
    public AdviceEngine advice() {
        return advice;
    }

    @Override
    public AgentStatus status() {
        return status.event();
    }

    @Override
    public String topLocks(int n) {
        return registry.describeTop(n);
    }

    /** The options the meters read, from the options of the last start, each read when the meters need it. */
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
}
