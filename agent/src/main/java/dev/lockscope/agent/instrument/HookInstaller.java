package dev.lockscope.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.lockscope.agent.boot.LockscopeDispatch;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.MemberSubstitution;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/**
 * Retransforms the JDK's lock classes (already loaded, in java.base) with advice on their slow paths only:
 * AQS/AQLS {@code acquire(Node, ...)}, StampedLock {@code acquireWrite/acquireRead}, condition {@code await*},
 * and the {@code LockSupport.unpark} inside the wake-successor methods (a release that wakes a waiter).
 * No class format change (no new fields or methods), as retransformation requires.
 */
public final class HookInstaller {
    private static final String AQS = "java.util.concurrent.locks.AbstractQueuedSynchronizer";
    private static final String AQLS = "java.util.concurrent.locks.AbstractQueuedLongSynchronizer";
    private static final String STAMPED = "java.util.concurrent.locks.StampedLock";

    private final List<String> installed = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    public ResettableClassFileTransformer install(Instrumentation inst) throws NoSuchMethodException {
        MemberSubstitution unpark = MemberSubstitution.relaxed()
                .method(named("unpark").and(isDeclaredBy(LockSupport.class)))
                .replaceWith(LockscopeDispatch.class.getMethod("unpark", Thread.class));
        AgentBuilder.Listener listener = new AgentBuilder.Listener.Adapter() {
            @Override
            public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded, DynamicType dynamicType) {
                synchronized (installed) {
                    installed.add(type.getSimpleName().replace("AbstractQueuedSynchronizer", "AQS").replace("AbstractQueuedLongSynchronizer", "AQLS"));
                }
            }

            @Override
            public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable throwable) {
                synchronized (installed) {
                    errors.add(typeName + ": " + throwable);
                }
            }
        };
        return quietAgentBuilder()
                .disableClassFormatChanges()
                // Advice is inlined, nothing to inject; the default strategy's sun.misc.Unsafe use warns on JDK 24+.
                .with(AgentBuilder.InjectionStrategy.Disabled.INSTANCE)
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(listener)
                .ignore(none())
                .type(namedOneOf(AQS, AQLS))
                .transform((b, td, cl, m, pd) -> b
                        .visit(Advice.to(AqsAcquireAdvice.class).on(named("acquire").and(takesArguments(6))))
                        .visit(unpark.on(namedOneOf("signalNext", "signalNextIfShared"))))
                .type(namedOneOf(AQS + "$ConditionObject", AQLS + "$ConditionObject"))
                .transform((b, td, cl, m, pd) -> b
                        .visit(Advice.to(ConditionAwaitAdvice.class).on(namedOneOf("await", "awaitNanos", "awaitUntil", "awaitUninterruptibly"))))
                .type(named(STAMPED))
                .transform((b, td, cl, m, pd) -> b
                        .visit(Advice.to(StampedWriteAdvice.class).on(named("acquireWrite")))
                        .visit(Advice.to(StampedReadAdvice.class).on(named("acquireRead")))
                        .visit(unpark.on(named("signalNext"))))
                .installOn(inst);
    }

    /**
     * AgentBuilder.Default's constructor initialises Byte Buddy's Nexus, which probes sun.misc.Unsafe: on JDK 24+ that
     * prints a warning into the host's stderr. We never need the Nexus (advice is inlined), so it is disabled by its
     * documented property for the moment our own Byte Buddy initialises it, and the host's value is put back.
     */
    private static AgentBuilder quietAgentBuilder() {
        String key = "net.bytebuddy.nexus.disabled";
        String before = System.getProperty(key);
        System.setProperty(key, "true");
        try {
            return new AgentBuilder.Default();
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }

    /** Simple names of the transformed classes, e.g. [AQS, AQS$ConditionObject, StampedLock]. */
    public List<String> installed() {
        synchronized (installed) {
            return new ArrayList<>(installed);
        }
    }

    public List<String> errors() {
        synchronized (installed) {
            return new ArrayList<>(errors);
        }
    }
}
