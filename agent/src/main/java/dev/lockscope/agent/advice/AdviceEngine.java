package dev.lockscope.agent.advice;

import dev.lockscope.advisor.Advice;
import dev.lockscope.advisor.Advisor;
import dev.lockscope.advisor.Durations;
import dev.lockscope.advisor.EvidenceAssembler;
import dev.lockscope.advisor.LockStatistics.RunnableThreads;
import dev.lockscope.advisor.Thresholds;
import dev.lockscope.advisor.Verdict;
import dev.lockscope.agent.jfr.LockAdviceEvents;
import dev.lockscope.agent.registry.LockRegistry;
import dev.lockscope.agent.registry.LockStats;
import dev.lockscope.events.SiteKinds;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The advisor inside the agent. On its own daemon thread (never in a lock hook) it samples runnable threads, and
 * once per {@link #ROUND_MS} round adds the registry's counter increases up per lock site, keeps them for
 * {@link SiteWindow#ROUNDS} rounds, asks {@link Advisor#advise} about the sites with the most wait time, and keeps
 * each site's announced verdict steady ({@link StableVerdict}: a change must hold a whole window). Every round it
 * writes a {@code dev.lockscope.LockAdvice} event with the announced verdict for each site that has one; when that
 * verdict is new or changes it writes one log line and tells the {@link VerdictListener}s.
 */
public final class AdviceEngine {
    static final long ROUND_MS = 1000;
    /** Why a period or a lock may have no runnable-threads figure: see {@link #worthSampling}. */
    public static final String SAMPLED_ONLY_WHILE = "the sampler runs only while some lock's waits cost at least "
            + Durations.percent(Thresholds.MIN_SHARE_OF_ACTIVE_TIME) + " of active thread-time";
    /** At most this many sites are advised per round. */
    static final int MAX_ADVISED = 20;
    /** Sites tracked at once (bounded memory: about 5 KiB each); contention at further sites is counted, not advised. */
    static final int MAX_SITES = 1024;
    /** Sites whose last announced verdict is remembered (so a site that pauses and resumes is not announced again). */
    static final int MAX_VERDICTS = 4096;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final LockRegistry registry;
    private final RunnableSampler sampler;
    private final int advised;
    private final Consumer<String> log;
    private final BooleanSupplier monitorShares;
    private final List<VerdictListener> listeners = new CopyOnWriteArrayList<>();

    // Advice-thread state only.
    private Map<LockStats, long[]> lastSeen = new IdentityHashMap<>();
    private final Map<String, SiteWindow> windows = new HashMap<>();
    /** Each site's last announced verdict, kept after its window is gone (least recently announced forgotten first). */
    private final Map<String, Verdict> announced = new java.util.LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Verdict> eldest) {
            return size() > MAX_VERDICTS;
        }
    };
    private final long[] roundNanos = new long[SiteWindow.ROUNDS];
    private final long[] roundThreads = new long[SiteWindow.ROUNDS];
    /** The process's CPU ns in each round, or -1 where unknown. */
    private final long[] roundCpu = new long[SiteWindow.ROUNDS];
    /** Every lock wait the agent saw in each round, all sites (tracked or not). */
    private final long[] roundWaits = new long[SiteWindow.ROUNDS];
    /** The process's CPU ns so far, -1 where unknown ({@link ProcessCpuClock}; a fixed pace in tests). */
    private final LongSupplier cpuClock;
    /** CPU ns at the last round (from construction on, so the first round has its share). */
    private long lastCpu;
    private final double[] roundRunnable = new double[SiteWindow.ROUNDS];
    private final long[] roundSamples = new long[SiteWindow.ROUNDS];
    private long round;
    private long lastRoundAt;
    private long[] lastRunnable;
    private volatile boolean running;
    private volatile Thread thread;
    /**
     * Whether some advised site's verdict could use the runnable-threads figure (advice thread only): it had enough
     * waits in its window ({@link EvidenceAssembler#enoughWaits}) and its verdict was not "not worth touching", which
     * the advisor gives below {@link Thresholds#MIN_SHARE_OF_ACTIVE_TIME} of active thread-time whatever runs. Starts
     * true so the first round has samples. A handful of waits (threads starting together), or a latch awaited once a
     * second (JMH's iterations), does not turn the sampler on: it reads every thread's /proc stat ten times a second,
     * for nothing the advice would use.
     */
    private boolean worthSampling = true;
    private volatile long sitesSkipped;
    private volatile long announcements;

    /**
     * @param advised       most sites advised per round (at most {@link #MAX_ADVISED})
     * @param monitorShares whether monitor waits get owner on-CPU shares (the snapshots run)
     * @param log           the agent's log channel
     */
    public AdviceEngine(LockRegistry registry, RunnableSampler sampler, int advised, BooleanSupplier monitorShares,
                        Consumer<String> log) {
        this(registry, sampler, advised, monitorShares, log, new ProcessCpuClock()::cpuNanos);
    }

    /** @param cpuClock the process's CPU ns so far (-1 where unknown): tests give it a pace of their own */
    AdviceEngine(LockRegistry registry, RunnableSampler sampler, int advised, BooleanSupplier monitorShares,
                 Consumer<String> log, LongSupplier cpuClock) {
        this.cpuClock = cpuClock;
        this.lastCpu = cpuClock.getAsLong();
        this.registry = registry;
        this.sampler = sampler;
        this.advised = Math.max(1, Math.min(MAX_ADVISED, advised));
        this.monitorShares = monitorShares;
        this.log = log;
    }

    public void addListener(VerdictListener l) {
        listeners.add(l);
    }


    public RunnableSampler sampler() {
        return sampler;
    }

    /** Lock sites whose contention was not advised on because {@link #MAX_SITES} were tracked already. */
    public long sitesSkipped() {
        return sitesSkipped;
    }


    /** Verdicts announced (logged) since start. */
    public long announcements() {
        return announcements;
    }

    public void start() {
        running = true;
        lastRoundAt = System.nanoTime();
        lastRunnable = sampler.totals();
        Thread t = new Thread(this::loop, "lockscope-advice");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Ends the advice thread (waits up to a second for it). */
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        long nextRound = System.nanoTime() + ROUND_MS * 1_000_000L;
        while (running) {
            try {
                // The figure is wanted only for locks contended enough for it to matter: otherwise no sampling is paid.
                if (worthSampling) {
                    sampler.sample();
                }
                long now = System.nanoTime();
                if (now >= nextRound) {
                    round(now);
                    nextRound = Math.max(nextRound + ROUND_MS * 1_000_000L, now + ROUND_MS * 1_000_000L / 2);
                }
                Thread.sleep(pauseMs(worthSampling, sampler.intervalMs(), (nextRound - System.nanoTime()) / 1_000_000L));
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) {
                // The advice must never take the agent down; the next round starts afresh.
            }
        }
    }

    /**
     * The advice thread's pause: until the next round, or until the next runnable-threads sample while some lock is
     * contended enough for the figure to matter. Idle, it wakes once a round instead of ten times: on a host whose
     * CPUs are all busy each wake-up can preempt a lock owner.
     */
    static long pauseMs(boolean sampling, long samplerIntervalMs, long untilRoundMs) {
        long untilRound = Math.max(1, untilRoundMs);
        return sampling ? Math.min(samplerIntervalMs, untilRound) : untilRound;
    }

    /** One advice round at {@code now} (System.nanoTime). Package-private for tests. */
    void round(long now) {
        int slot = (int) (round % SiteWindow.ROUNDS);
        long[] totals = sampler.totals();
        roundRunnable[slot] = lastRunnable == null ? -1 : sampler.perCpu(lastRunnable, totals);
        roundSamples[slot] = lastRunnable == null ? 0 : totals[1] - lastRunnable[1];
        lastRunnable = totals;
        roundNanos[slot] = Math.max(1, now - lastRoundAt);
        lastRoundAt = now;
        roundThreads[slot] = THREADS.getThreadCount();
        long cpu = cpuClock.getAsLong();
        roundCpu[slot] = cpu >= 0 && lastCpu >= 0 ? Math.max(0, cpu - lastCpu) : -1;
        lastCpu = cpu;

        roundWaits[slot] = collectDeltas();
        windows.values().removeIf(w -> w.quiet(round));
        worthSampling = advise(now);
        round++;
    }

    /** Adds each live lock entry's counter increase since the last round to its site's window; returns the wait ns. */
    private long collectDeltas() {
        long waited = 0;
        Map<LockStats, long[]> seen = new IdentityHashMap<>();
        long[] delta = new long[LockStats.FIELDS];
        for (LockStats s : registry.all()) {
            long[] prev = lastSeen.remove(s);
            long[] cur = prev != null ? prev : new long[LockStats.FIELDS];
            boolean active = false;
            for (int i = 0; i < cur.length; i++) {
                long v = s.get(i);
                // A new entry's counters started at zero after the last round, so all of them are this round's.
                delta[i] = summable(i) ? Math.max(0, v - cur[i]) : 0;
                cur[i] = v;
                active |= delta[i] != 0;
            }
            seen.put(s, cur);
            waited += delta[LockStats.WAIT_NS];
            if (active && delta[LockStats.WAITS] + delta[LockStats.HOLDS] > 0) {
                String key = s.site.id + "|" + s.lockClass;
                SiteWindow w = windows.get(key);
                if (w == null) {
                    if (windows.size() >= MAX_SITES) {
                        sitesSkipped++;
                        continue;
                    }
                    w = new SiteWindow(s.site, s.lockClass);
                    windows.put(key, w);
                }
                w.add(round, delta);
            }
        }
        // Entries gone since the last round (evicted or collected) are forgotten: memory stays bounded by the registry.
        lastSeen = seen;
        return waited;
    }

    /** Whether the runnable-threads sampler runs until the next round. Package-private for tests. */
    boolean sampling() {
        return worthSampling;
    }

    private static boolean summable(int field) {
        return field != LockStats.MAX_WAIT && field != LockStats.MAX_HOLD && field != LockStats.WAITERS
                && field != LockStats.MAX_WAITERS;
    }

    /**
     * Advises the sites with enough waits in their window (the advisor's gate, {@link EvidenceAssembler#enoughWaits}:
     * a site under it is not advised at all); returns whether any of them cost enough thread-time for the
     * runnable-threads figure to decide its verdict.
     */
    private boolean advise(long now) {
        List<Object[]> ranked = new ArrayList<>();
        for (Map.Entry<String, SiteWindow> e : windows.entrySet()) {
            long[] sums = e.getValue().sum(round);
            if (EvidenceAssembler.enoughWaits(sums[LockStats.WAITS])) {
                ranked.add(new Object[] {e.getKey(), e.getValue(), sums});
            }
        }
        ranked.sort((a, b) -> Long.compare(((long[]) b[2])[LockStats.WAIT_NS], ((long[]) a[2])[LockStats.WAIT_NS]));
        long windowNanos = 0;
        EvidenceBuilder.Context ctx = activeTime(registry, monitorShares.getAsBoolean());
        for (long r = Math.max(0, round - SiteWindow.ROUNDS + 1); r <= round; r++) {
            windowNanos += roundNanos[(int) (r % SiteWindow.ROUNDS)];
        }
        boolean worth = false;
        for (Object[] r : ranked.subList(0, Math.min(advised, ranked.size()))) {
            SiteWindow w = (SiteWindow) r[1];
            long[] sums = (long[]) r[2];
            Advice a = Advisor.advise(EvidenceAssembler.of(EvidenceBuilder.statistics(w, sums, runnable(w), ctx)));
            // The advisor's own cut: below its share of active thread-time it never reads the runnable-threads figure.
            worth |= a.verdict() != Verdict.NOT_WORTH_TOUCHING;
            StableVerdict.Published p = w.verdict.observe(round, now, a);
            if (p == null) {
                continue; // no verdict has held long enough to be announced yet: nothing to publish
            }
            emit(w, p, sums, windowNanos);
            if (p.changed() && announced.put((String) r[0], p.advice().verdict()) != p.advice().verdict()) {
                announce(w, p.advice());
            }
        }
        return worth;
    }

    /**
     * The window's active thread-time, the denominator of every share: the process's CPU time plus every lock wait the
     * agent saw. Threads parked for work or sleeping add nothing, so a server's idle pools do not dilute its busy
     * threads' contention. Where the JVM does not give its CPU time, live threads x time (estimated, and diluted).
     */
    private EvidenceBuilder.Context activeTime(LockRegistry registry, boolean monitorShares) {
        double cpu = 0;
        double waits = 0;
        double threadTime = 0;
        boolean cpuKnown = true;
        for (long r = Math.max(0, round - SiteWindow.ROUNDS + 1); r <= round; r++) {
            int s = (int) (r % SiteWindow.ROUNDS);
            cpuKnown &= roundCpu[s] >= 0;
            cpu += Math.max(0, roundCpu[s]);
            waits += roundWaits[s];
            threadTime += (double) roundThreads[s] * roundNanos[s];
        }
        if (cpuKnown) {
            return new EvidenceBuilder.Context(cpu + waits, "process CPU time "
                    + "(OperatingSystemMXBean) + every contended acquisition's wait (agent hooks), over the window",
                    true, registry.probeLabels, monitorShares);
        }
        return new EvidenceBuilder.Context(threadTime, "live threads x window (ThreadMXBean): this JVM does not give "
                + "its CPU time, so idle threads dilute the share", false, registry.probeLabels, monitorShares);
    }

    /** Runnable threads per CPU in the rounds this site was contended, weighted by its wait time in each. */
    private RunnableThreads runnable(SiteWindow w) {
        if (sampler.unavailable() != null) {
            return RunnableThreads.missing(sampler.unavailable());
        }
        double weighted = 0;
        long weight = 0;
        long samples = 0;
        for (long r = Math.max(0, round - SiteWindow.ROUNDS + 1); r <= round; r++) {
            long[] d = w.round(r);
            int s = (int) (r % SiteWindow.ROUNDS);
            if (d != null && d[LockStats.WAIT_NS] > 0 && roundRunnable[s] >= 0) {
                weighted += roundRunnable[s] * d[LockStats.WAIT_NS];
                weight += d[LockStats.WAIT_NS];
                samples += roundSamples[s];
            }
        }
        if (weight == 0) {
            return RunnableThreads.missing("no runnable-threads sample fell in a round this lock was contended ("
                    + SAMPLED_ONLY_WHILE + ")");
        }
        return RunnableThreads.sampled(weighted / weight, sampler.cpus() + " CPUs, " + samples + " samples in the "
                + "rounds it was contended, weighted by its wait time");
    }

    private static void emit(SiteWindow w, StableVerdict.Published p, long[] sums, long windowNanos) {
        LockAdviceEvents.commit(w.lockClass, w.site, p.advice(), p.roundVerdict().name(), p.agreeingRounds(),
                p.evidenceAgeNanos(), windowNanos, sums[LockStats.WAITS], sums[LockStats.WAIT_NS]);
    }

    /** Logs a site's new or changed announced verdict and tells the listeners (constructed sites only). */
    private void announce(SiteWindow w, Advice a) {
        announcements++;
        log.accept("advice: " + w.lockClass + " at " + w.site.where + " (" + w.site.kind + "): " + a.verdict().label()
                + " [" + a.verdict().name() + ", " + a.confidence().name().toLowerCase(java.util.Locale.ROOT)
                + " confidence]: " + a.reason());
        if (SiteKinds.CONSTRUCTED.equals(w.site.kind)) {
            for (VerdictListener l : listeners) {
                try {
                    l.onVerdict(w.site.where, a.verdict());
                } catch (Throwable t) {
                    log.accept("verdict listener failed: " + t);
                }
            }
        }
    }
}
