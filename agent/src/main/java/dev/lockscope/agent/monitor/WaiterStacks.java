package dev.lockscope.agent.monitor;

import dev.lockscope.agent.registry.AgentThreads;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;

/**
 * What the stack of a {@code jdk.JavaMonitorEnter} event tells the agent: whether the wait is the agent's own work
 * (its code on the waiter's stack, whichever thread that is), and the code site where the thread waited, named by
 * the analyzer's rule ({@code model.WaitSite.of}: the first frame outside the JDK and lockscope's own code and locks, else
 * "(JDK) " and the first frame above the waiting machinery), so the agent's monitor sites and the analyzer's rows
 * for the same waits agree. Readings are kept per stack object of the JFR parser, which hands out one object per
 * distinct stack of a chunk, so a stack is read once however many events share it (bounded: cleared when full).
 */
final class WaiterStacks {
    /** One frame: class, method, line (-1 or 0 when unknown). */
    record Frame(String className, String method, int line) {
    }

    /** A stack's reading: the agent's own work or not, and where the thread waited (null: no frame to name). */
    record Reading(boolean agentWork, String site) {
    }

    static final Reading NONE = new Reading(false, null);
    static final int MAX_CACHED = 4096;
    private static final String[] JDK_PREFIXES = {"java.", "javax.", "jdk.", "sun.", "com.sun.", "dev.lockscope.locks."};

    private final Map<RecordedStackTrace, Reading> cache = new IdentityHashMap<>();

    /** The reading of a stream event's stack (stream thread only). */
    Reading of(RecordedStackTrace stack) {
        if (stack == null) {
            return NONE;
        }
        Reading r = cache.get(stack);
        if (r == null) {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            List<Frame> frames = new ArrayList<>();
            for (RecordedFrame f : stack.getFrames()) {
                if (f.isJavaFrame() && f.getMethod() != null && f.getMethod().getType() != null) {
                    frames.add(new Frame(f.getMethod().getType().getName(), f.getMethod().getName(), f.getLineNumber()));
                }
            }
            r = read(frames);
            cache.put(stack, r);
        }
        return r;
    }

    /** Reads a thread's stack as the JDK gives it (top frame first), by the same rule as a JFR event's. */
    static Reading read(StackTraceElement[] topFirst) {
        List<Frame> frames = new ArrayList<>(topFirst.length);
        for (StackTraceElement e : topFirst) {
            frames.add(new Frame(e.getClassName(), e.getMethodName(), e.getLineNumber()));
        }
        return read(frames);
    }

    /** Reads a stack, top frame first. */
    static Reading read(List<Frame> topFirst) {
        for (Frame f : topFirst) {
            if (AgentThreads.isAgentFrame(f.className())) {
                return new Reading(true, null);
            }
        }
        return new Reading(false, siteOf(topFirst));
    }

    static String siteOf(List<Frame> topFirst) {
        for (Frame f : topFirst) {
            if (!isJdk(f.className())) {
                return name(f);
            }
        }
        for (Frame f : topFirst) {
            if (!isWaitMachinery(f.className())) {
                return "(JDK) " + name(f);
            }
        }
        return null;
    }

    private static String name(Frame f) {
        return f.className() + "." + f.method() + (f.line() > 0 ? ":" + f.line() : "");
    }

    private static boolean isJdk(String className) {
        for (String p : JDK_PREFIXES) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return AgentThreads.isAgentFrame(className);
    }

    private static boolean isWaitMachinery(String className) {
        return className.startsWith("java.util.concurrent.locks.") || className.equals("jdk.internal.misc.Unsafe")
                || className.equals("java.lang.Object") || className.startsWith("java.lang.VirtualThread")
                || className.equals("java.util.concurrent.ForkJoinPool");
    }
}
