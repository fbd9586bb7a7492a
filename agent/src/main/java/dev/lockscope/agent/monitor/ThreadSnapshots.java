package dev.lockscope.agent.monitor;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The JDK's own snapshot of one thread ({@code jdk.internal.vm.ThreadSnapshot}, JDK 25, what thread dumps use): for a
 * virtual thread blocked entering a monitor, the monitor object and the thread's stack, which nothing public gives for
 * a virtual thread. Takes a handshake with the thread; for an unmounted one about 2.5 us (JDK 25, 2 vCPUs). Needs
 * jdk.internal.vm opened to the agent.
 */
public final class ThreadSnapshots {
    /** What a snapshot says: the monitor the thread waits to enter (null: none) and its stack, top frame first. */
    public record Snapshot(Object blockedOn, StackTraceElement[] stack) {
    }

    private final MethodHandle of;
    private final MethodHandle blockedOn;
    private final MethodHandle stackTrace;
    private final MethodHandle state;

    private ThreadSnapshots(MethodHandle of, MethodHandle blockedOn, MethodHandle stackTrace, MethodHandle state) {
        this.of = of;
        this.blockedOn = blockedOn;
        this.stackTrace = stackTrace;
        this.state = state;
    }

    /** The accessors, or an exception saying why this JDK has none the agent can use. */
    public static ThreadSnapshots open() throws ReflectiveOperationException {
        Class<?> c = Class.forName("jdk.internal.vm.ThreadSnapshot", false, null);
        MethodHandles.Lookup l = MethodHandles.privateLookupIn(c, MethodHandles.lookup());
        return new ThreadSnapshots(
                l.findStatic(c, "of", MethodType.methodType(c, Thread.class)).asType(MethodType.methodType(Object.class, Thread.class)),
                l.findVirtual(c, "blockedOn", MethodType.methodType(Object.class)).asType(MethodType.methodType(Object.class, Object.class)),
                l.findVirtual(c, "stackTrace", MethodType.methodType(StackTraceElement[].class))
                        .asType(MethodType.methodType(StackTraceElement[].class, Object.class)),
                l.findVirtual(c, "threadState", MethodType.methodType(Thread.State.class))
                        .asType(MethodType.methodType(Thread.State.class, Object.class)));
    }

    /** The snapshot of {@code t}, or null when it has ended or is not blocked on a monitor. Never throws. */
    public Snapshot of(Thread t) {
        try {
            Object s = (Object) of.invokeExact(t);
            if (s == null || (Thread.State) state.invokeExact(s) != Thread.State.BLOCKED) {
                return null;
            }
            return new Snapshot((Object) blockedOn.invokeExact(s), (StackTraceElement[]) stackTrace.invokeExact(s));
        } catch (Throwable e) {
            return null;
        }
    }
}
