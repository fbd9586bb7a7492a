package dev.lockscope.agent.monitor;

import dev.lockscope.agent.registry.AgentThreads;
import dev.lockscope.agent.registry.LockRegistry;
import dev.lockscope.agent.registry.LockStats;
import dev.lockscope.events.AgentStatus;
import dev.lockscope.events.ClockMark;
import dev.lockscope.events.CriticalSection;
import dev.lockscope.events.LockAdvice;
import dev.lockscope.events.LockSummary;
import dev.lockscope.events.LockWait;
import dev.lockscope.events.ProbeStatus;
import java.lang.instrument.Instrumentation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingStream;

/**
 * {@code synchronized}: the JDK already times contended monitor enters and Object.wait calls; this consumes
 * its jdk.JavaMonitorEnter / jdk.JavaMonitorWait events in-process and joins them into the registry
 * (owner = the event's previousOwner). Runs on the stream's own thread, never in an application hook.
 * A monitor is named by the code where a thread first waited for it, from the enter event's stack (agent option
 * monitorSites; the JDK takes that stack in the waiter, once it holds the monitor). Waits of the agent's threads or
 * with the agent's code on the stack, and waits for a monitor an agent thread held, are the agent's activity:
 * counted in the registry's {@code leftOut}, never a monitor's figure.
 */
public final class MonitorStream {
    /** Our events, which the stream's own recording turns off: all of them but the clock marks it reads. */
    static final List<Class<? extends Event>> STREAM_DROPS = List.of(
            LockWait.class, LockSummary.class, AgentStatus.class, ProbeStatus.class, CriticalSection.class, LockAdvice.class);

    private final LockRegistry registry;
    private final Duration threshold;
    /** Owner on-CPU shares from the probe's snapshots, or null without the probe. */
    private final MonitorOwnerShare ownerShare;
    /** Whether enter events carry stacks: the monitors' code sites and the agent-work rule need them. */
    private final boolean sites;
    private final WaiterStacks stacks = new WaiterStacks();
    private final Runnable clockMark = MonitorStream::commitClockMark;
    private final AtomicLong events = new AtomicLong();
    private RecordingStream stream;
    /** Drops JFR's parsed metadata tree after each flush, or null. */
    ParsedMetadataTrim metadataTrim;
    /** Our event classes this stream registered (none registered yet), unregistered again at stop. */
    private final List<Class<? extends Event>> registered = new ArrayList<>();
    /** Ids of the JFR recordings behind this stream (not "a recording the user runs"). */
    public final Set<Long> ownRecordingIds = new HashSet<>();

    public MonitorStream(LockRegistry registry, Duration threshold) {
        this(registry, threshold, null);
    }

    public MonitorStream(LockRegistry registry, Duration threshold, MonitorOwnerShare ownerShare) {
        this(registry, threshold, ownerShare, true);
    }

    /**
     * @param ownerShare owner on-CPU shares of monitor waits, or null when the native probe is not joined
     * @param sites      name monitors by the code where threads waited (enter events with stacks), else by class
     */
    public MonitorStream(LockRegistry registry, Duration threshold, MonitorOwnerShare ownerShare, boolean sites) {
        this.registry = registry;
        this.threshold = threshold;
        this.ownerShare = ownerShare;
        this.sites = sites;
    }

    /**
     * Before {@link #start}: have the stream drop the element tree JFR's parser keeps of the metadata it parsed
     * ({@link ParsedMetadataTrim}); {@code inst} opens JFR's internals to the agent.
     *
     * @return null, or why the tree stays
     */
    public String trimParsedMetadata(Instrumentation inst) {
        String[] why = new String[1];
        metadataTrim = ParsedMetadataTrim.open(inst, why);
        return why[0];
    }

    public void start() {
        // Listed before the stream exists: its recording is listed from construction on, not only once it runs.
        List<Recording> before = FlightRecorder.getFlightRecorder().getRecordings();
        registerOwnEvents();
        RecordingStream rs = new RecordingStream();
        rs.setMaxAge(Duration.ofSeconds(10));
        // Events in the order they were written, not sorted by time: nothing here needs the order, and sorting keeps a
        // 100,000-slot array (400 KB) alive for the stream's life.
        rs.setOrdered(false);
        // A recording without settings for an event uses the event's defaults, and ours are enabled by default.
        // Left alone, this stream would record sampled LockWaits (each with its stack, taken inside the waiter's
        // critical section), every classified section and advice, and run the periodic events' hooks every second
        // (summaries of every lock, agent and probe status), only to parse and drop them all. That cost the
        // stream's and JFR's threads CPU and the JIT compiles, all the time (docs/PERFORMANCE.md, "Agent overhead on
        // the lock paths").
        for (Class<? extends Event> own : STREAM_DROPS) {
            rs.disable(own);
        }
        if (sites) {
            rs.enable("jdk.JavaMonitorEnter").withThreshold(threshold).withStackTrace();
        } else {
            rs.enable("jdk.JavaMonitorEnter").withThreshold(threshold).withoutStackTrace();
        }
        rs.enable("jdk.JavaMonitorWait").withThreshold(threshold).withoutStackTrace();
        rs.onEvent("jdk.JavaMonitorEnter", this::onEnter);
        rs.onEvent("jdk.JavaMonitorWait", this::onWait);
        ParsedMetadataTrim trim = metadataTrim;
        if (trim != null) {
            rs.onFlush(() -> trim.trim(rs));
        }
        if (ownerShare != null) {
            // The clock marks place JFR's event times on System.nanoTime, the snapshots' clock.
            FlightRecorder.addPeriodicEvent(ClockMark.class, clockMark);
            rs.enable(ClockMark.class).withPeriod(Duration.ofSeconds(1));
            rs.onEvent(ClockMark.NAME, this::onClockMark);
        }
        // startAsync() would use a non-daemon thread and keep the host JVM alive at exit.
        Thread t = new Thread(() -> {
            try {
                rs.start();
            } catch (Throwable ignored) {
                // stream closed or JFR shut down: monitors are simply no longer tracked
            }
        }, "lockscope-monitor-stream");
        t.setDaemon(true);
        t.start();
        stream = rs;
        // Wait (at most a second) until the stream's recording runs, so its chunk rotation is behind us. Waiting for
        // the list to grow instead never ended early (the recording is listed from construction), so every start
        // took the full second.
        for (int i = 0; i < 100; i++) {
            boolean running = false;
            for (Recording r : FlightRecorder.getFlightRecorder().getRecordings()) {
                if (!before.contains(r)) {
                    ownRecordingIds.add(r.getId());
                    running |= r.getState() == RecordingState.RUNNING;
                }
            }
            if (running) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public void stop() {
        RecordingStream rs = stream;
        if (rs != null) {
            rs.close();
        }
        if (ownerShare != null) {
            FlightRecorder.removePeriodicEvent(clockMark);
        }
        for (Class<? extends Event> own : registered) {
            FlightRecorder.unregister(own);
        }
        registered.clear();
    }

    /**
     * Registers each of our event classes not registered yet (LockAdvice is first written rounds later). An event
     * class registered while the stream runs makes JFR write the whole metadata again, and the stream parses it and
     * keeps it beside the first: about 2 MB in tens of thousands of objects that live as long as the stream, which
     * G1 copies from survivor space to survivor space at every young collection until they are old enough.
     * Only the missing ones: registering a registered class during a recording rewrites the metadata too.
     */
    private void registerOwnEvents() {
        Set<String> known = new HashSet<>();
        for (EventType t : FlightRecorder.getFlightRecorder().getEventTypes()) {
            known.add(t.getName());
        }
        for (Class<? extends Event> own : STREAM_DROPS) {
            Name name = own.getAnnotation(Name.class);
            if (!known.contains(name == null ? own.getName() : name.value())) {
                FlightRecorder.register(own);
                registered.add(own);
            }
        }
    }

    /** The running stream, or null before {@link #start} (tests). */
    RecordingStream recordingStream() {
        return stream;
    }

    public long events() {
        return events.get();
    }

    private void onEnter(RecordedEvent e) {
        try {
            RecordedThread waiter = e.getThread();
            if (waiter != null && AgentThreads.isAgentThreadName(waiter.getJavaName())) {
                registry.leftOut.ownWait();
                return;
            }
            WaiterStacks.Reading stack = sites ? stacks.of(e.getStackTrace()) : WaiterStacks.NONE;
            if (stack.agentWork()) {
                registry.leftOut.ownWait();
                return;
            }
            long nanos = e.getDuration().toNanos();
            RecordedThread prev = e.getThread("previousOwner");
            if (prev != null && AgentThreads.isAgentThreadName(prev.getJavaName())) {
                // The application waited for the agent: the agent's cost, not this monitor's contention.
                registry.leftOut.agentOwnedWait(nanos);
                return;
            }
            LockStats s = stats(e, sites ? stack::site : null);
            if (s == null) {
                return;
            }
            if (prev != null) {
                s.sampleOwner(prev.getJavaThreadId(), prev.getJavaName());
            }
            s.recordWait(nanos, false, true);
            if (ownerShare != null) {
                // Waiters of a contended monitor become its owners: watch both from now on.
                if (waiter != null) {
                    ownerShare.learn(waiter.getOSThreadId());
                }
                if (prev != null) {
                    ownerShare.learn(prev.getOSThreadId());
                }
                ownerShare.submit(s, e.getStartTime(), nanos, prev == null ? -1 : prev.getOSThreadId());
            }
            events.incrementAndGet();
        } catch (RuntimeException ignored) {
            // A malformed event must not stop the stream.
        }
    }

    private void onClockMark(RecordedEvent e) {
        try {
            ownerShare.calibrate(e.getStartTime(), e.getLong(ClockMark.Fields.NANO_TIME));
        } catch (RuntimeException ignored) {
            // as above
        }
    }

    private static void commitClockMark() {
        ClockMark m = new ClockMark();
        m.nanoTime = System.nanoTime();
        m.commit();
    }

    private void onWait(RecordedEvent e) {
        try {
            RecordedThread waiter = e.getThread();
            if (waiter != null && AgentThreads.isAgentThreadName(waiter.getJavaName())) {
                registry.leftOut.ownWait();
                return;
            }
            LockStats s = stats(e, null);
            if (s != null) {
                s.recordConditionWait(e.getDuration().toNanos());
                events.incrementAndGet();
            }
        } catch (RuntimeException ignored) {
            // as above
        }
    }

    /** @param waitedAt where the waiter waited, or null (Object.wait events carry no stack) */
    private LockStats stats(RecordedEvent e, Supplier<String> waitedAt) {
        RecordedClass c = e.getClass("monitorClass");
        if (c == null) {
            return null;
        }
        return registry.monitor(c.getName(), e.getLong("address"), waitedAt);
    }
}
