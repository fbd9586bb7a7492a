package dev.lockscope.agent.adapt;

import dev.lockscope.agent.registry.SiteRegistry;
import dev.lockscope.events.SiteKinds;
import dev.lockscope.locks.AdaptiveReentrantLock;
import dev.lockscope.locks.OnCpuSources;
import dev.lockscope.probe.OnCpuOracle;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Agent option {@code adapt=}: swaps {@code new ReentrantLock(...)} at named construction sites (or, with
 * {@code auto}, at sites the agent's advisor tells to adopt the adaptive lock) for {@code AdaptiveReentrantLock}.
 * The lock classes must already be on the boot path ({@link LocksOnBootPath}) when this class loads.
 */
public final class Adapter {
    private final Instrumentation inst;
    private final AdaptSites sites;
    private final AdaptSwapper swapper;
    private final boolean auto;
    private final Consumer<String> log;
    /** Sites adopted by {@code auto}, so each is retransformed once. */
    private final Set<String> adopted = ConcurrentHashMap.newKeySet();

    private Adapter(Instrumentation inst, AdaptSites sites, boolean auto, ClassLoader agentLoader, Consumer<String> log,
                    SiteRegistry registry) {
        this.inst = inst;
        this.sites = sites;
        this.auto = auto;
        this.log = log;
        // Reports name the lock by what is now built there.
        this.swapper = new AdaptSwapper(sites, agentLoader,
                site -> registry.intern(site, SiteKinds.CONSTRUCTED).builtAs = AdaptiveReentrantLock.class.getName());
    }

    /**
     * Hands the locks the agent's on-CPU oracle (or the reason there is none) and starts swapping at class load.
     *
     * @param oracle the native probe's oracle, or null
     * @param whyNot why there is no oracle, when it is null
     * @param registry the agent's sites, told which now build the adaptive lock
     */
    public static Adapter start(Instrumentation inst, String option, OnCpuOracle oracle, String whyNot, Consumer<String> log,
                                SiteRegistry registry) {
        AdaptSites sites = AdaptSites.parse(option);
        boolean auto = List.of(option.split(",")).stream().anyMatch(s -> s.trim().equals("auto"));
        if (oracle != null) {
            OnCpuSources.install(new ProbeOnCpuSource(oracle));
        } else {
            OnCpuSources.unavailable("portable policy: the lockscope agent has no on-CPU source (" + whyNot + ")");
        }
        Adapter a = new Adapter(inst, sites, auto, Adapter.class.getClassLoader(), log, registry);
        inst.addTransformer(a.swapper, true);
        // Classes loaded before the agent (dynamic attach) are swapped now; their existing locks stay as built.
        a.retransformLoaded(sites.classes());
        log.accept("adapt: new ReentrantLock(...) becomes AdaptiveReentrantLock at " + (sites.isEmpty() ? "no site yet" : String.join(", ", sites.texts()))
                + (auto ? " and at sites advised to adopt it (auto)" : "") + "; policy " + AdaptiveReentrantLock.defaultPolicy());
        return a;
    }

    public boolean auto() {
        return auto;
    }

    /**
     * {@code adapt=auto}: the advisor says {@code site} should adopt the adaptive lock. Locks built there from now
     * on are adaptive; those already built stay as they are (their class cannot change under the program).
     */
    public void adopt(String site) {
        if (!auto || !adopted.add(site)) {
            return;
        }
        try {
            retransformLoaded(Set.of(sites.add(site).internalClass()));
            log.accept("adapt=auto: " + site + " advised to adopt the adaptive lock; locks built there from now on are AdaptiveReentrantLock");
        } catch (Throwable t) {
            log.accept("adapt=auto: could not swap " + site + ": " + t);
        }
    }

    /** Retransforms the loaded classes of these internal names, so their future constructions are swapped. */
    private void retransformLoaded(Set<String> internalClassNames) {
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (internalClassNames.contains(c.getName().replace('.', '/')) && inst.isModifiableClass(c)) {
                loaded.add(c);
            }
        }
        if (!loaded.isEmpty()) {
            try {
                inst.retransformClasses(loaded.toArray(new Class<?>[0]));
            } catch (Throwable t) {
                log.accept("adapt: could not retransform " + loaded + ": " + t);
            }
        }
    }

    /** For the status event and the reports: each swapped site, and the requested sites that matched nothing. */
    public String describe() {
        String done = String.join(";", new TreeMap<>(swapped()).keySet());
        List<String> unmatched = new ArrayList<>(sites.texts());
        unmatched.removeAll(swapper.matchedPatterns());
        return done + (unmatched.isEmpty() ? "" : " | not (yet) loaded or no new ReentrantLock there: " + String.join(";", unmatched));
    }

    public Map<String, Integer> swapped() {
        return swapper.swapped();
    }
}
