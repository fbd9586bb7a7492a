package dev.lockscope.agent.hooks;

import dev.lockscope.events.ThreadNames;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;

/**
 * What the hooks ask of a thread that may be virtual, on any JDK from 17 (where there are none) on: whether it is
 * virtual, the carrier it is mounted on, and the name lockscope gives it ({@link ThreadNames}). The carrier and the
 * state are private fields of {@code java.lang.VirtualThread}, read once the agent has opened java.lang to itself
 * (before this class is first used); where that failed they read as unknown.
 */
public final class VirtualThreads {
    private static final MethodHandle IS_VIRTUAL = isVirtualHandle();
    private static final Class<?> VIRTUAL_THREAD = virtualThreadClass();
    private static final VarHandle CARRIER = field("carrierThread", Thread.class);
    private static final VarHandle STATE = field("state", int.class);

    private VirtualThreads() {
    }

    /** Whether {@code t} is a virtual thread (false on JDKs without them). */
    public static boolean isVirtual(Thread t) {
        if (IS_VIRTUAL == null || t == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(t);
        } catch (Throwable e) {
            return false;
        }
    }

    /** The platform thread {@code t} is mounted on now; null for a platform thread, an unmounted one, or when unknown. */
    public static Thread carrierOf(Thread t) {
        if (CARRIER == null || t == null || t.getClass() != VIRTUAL_THREAD) {
            return null;
        }
        try {
            return (Thread) CARRIER.getVolatile(t);
        } catch (Throwable e) {
            return null;
        }
    }

    /** The JDK's internal state of virtual thread {@code t} (the constants of java.lang.VirtualThread), or -1. */
    public static int stateOf(Thread t) {
        if (STATE == null || t == null || t.getClass() != VIRTUAL_THREAD) {
            return -1;
        }
        try {
            return (int) STATE.getVolatile(t);
        } catch (Throwable e) {
            return -1;
        }
    }

    /** Whether the carrier and state fields could be read (java.lang opened to the agent, JDK 21+). */
    public static boolean fieldsReadable() {
        return CARRIER != null && STATE != null;
    }

    /** The name lockscope shows for {@code t}: never blank. */
    public static String name(Thread t) {
        return ThreadNames.display(t.getName(), t.getId(), isVirtual(t));
    }

    private static MethodHandle isVirtualHandle() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // JDK 17-20
        }
    }

    private static Class<?> virtualThreadClass() {
        try {
            return Class.forName("java.lang.VirtualThread", false, null);
        } catch (ClassNotFoundException | RuntimeException e) {
            return null;
        }
    }

    private static VarHandle field(String name, Class<?> type) {
        if (VIRTUAL_THREAD == null) {
            return null;
        }
        try {
            return MethodHandles.privateLookupIn(VIRTUAL_THREAD, MethodHandles.lookup()).findVarHandle(VIRTUAL_THREAD, name, type);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // java.lang not opened to the agent, or the JDK changed the field
        }
    }
}
