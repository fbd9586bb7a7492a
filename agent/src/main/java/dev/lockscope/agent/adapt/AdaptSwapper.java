package dev.lockscope.agent.adapt;

import dev.lockscope.agent.instrument.ConstructionVisitor;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * Turns {@code new ReentrantLock(...)} into {@code new AdaptiveReentrantLock(...)} at the chosen sites, in
 * application classes as they load and again when {@code adapt=auto} retransforms a loaded class. The adaptive
 * lock is a ReentrantLock subclass with the same constructors, so the rest of the bytecode (field types, stack
 * map frames, the construction-site call that may follow) stays valid. Locks already built keep their class.
 */
public final class AdaptSwapper implements ClassFileTransformer {
    static final String REENTRANT_LOCK = "java/util/concurrent/locks/ReentrantLock";
    static final String ADAPTIVE_LOCK = "dev/lockscope/locks/AdaptiveReentrantLock";

    private final AdaptSites sites;
    private final ClassLoader agentLoader;
    /** Swapped sites (class.method:line) → how many times a class load or retransform swapped it. */
    private final Map<String, Integer> swapped = new ConcurrentHashMap<>();
    /** The requested site texts that some swap matched. */
    private final Set<String> matchedPatterns = ConcurrentHashMap.newKeySet();
    private final AtomicLong failures = new AtomicLong();
    private final Consumer<String> onSwap;

    /** @param onSwap told each swapped site (class.method:line), at class load */
    public AdaptSwapper(AdaptSites sites, ClassLoader agentLoader, Consumer<String> onSwap) {
        this.sites = sites;
        this.agentLoader = agentLoader;
        this.onSwap = onSwap;
    }

    /** Sites swapped so far, in the reports' form. */
    public Map<String, Integer> swapped() {
        return swapped;
    }

    /** The requested site texts (as given to adapt=) that matched at least one swapped site. */
    Set<String> matchedPatterns() {
        return matchedPatterns;
    }

    public long failures() {
        return failures.get();
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain pd, byte[] bytes) {
        try {
            if (loader == null || loader == agentLoader || className == null || !sites.concerns(className)
                    || className.startsWith("dev/lockscope/locks/")) {
                return null;
            }
            return rewrite(className, bytes);
        } catch (Throwable t) {
            failures.incrementAndGet();
            return null;
        }
    }

    byte[] rewrite(String className, byte[] bytes) {
        return ConstructionVisitor.rewriteMethods(className, bytes, SwapVisitor::new);
    }

    private final class SwapVisitor extends ConstructionVisitor {
        private final boolean[] changed;

        SwapVisitor(MethodVisitor mv, String owner, String method, boolean[] changed) {
            super(mv, owner, method);
            this.changed = changed;
        }

        @Override
        protected String newType(String writtenType) {
            if (!writtenType.equals(REENTRANT_LOCK) || !sites.matches(owner, method, line())) {
                return writtenType;
            }
            String site = site();
            swapped.merge(site, 1, Integer::sum);
            matchedPatterns.addAll(sites.matchingTexts(owner, method, line()));
            onSwap.accept(site);
            changed[0] = true;
            return ADAPTIVE_LOCK;
        }
    }
}
