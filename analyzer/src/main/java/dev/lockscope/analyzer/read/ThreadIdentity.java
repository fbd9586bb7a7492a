package dev.lockscope.analyzer.read;

import dev.lockscope.events.ThreadNames;
import org.openjdk.jmc.common.IMCThread;
import org.openjdk.jmc.common.IMCThreadGroup;

/**
 * A recorded thread as the reports name it. The JMC parser drops the {@code virtual} field JDK 21+ recordings give
 * each thread, but keeps its group: the JDK puts every virtual thread in the root group {@code VirtualThreads}, which
 * no platform thread's group can be (groups an application makes have a parent). The carriers of the JDK's
 * virtual-thread scheduler are in its group {@code CarrierThreads} below the root group {@code system}: a recording that
 * shows one shows that virtual threads ran, even where no event names a virtual thread.
 */
final class ThreadIdentity {
    private ThreadIdentity() {
    }

    static boolean isVirtual(IMCThread t) {
        if (t == null) {
            return false;
        }
        IMCThreadGroup g = t.getThreadGroup();
        return g != null && g.getParent() == null && ThreadNames.VIRTUAL_GROUP.equals(g.getName());
    }

    static boolean isCarrier(IMCThread t) {
        if (t == null) {
            return false;
        }
        IMCThreadGroup g = t.getThreadGroup();
        IMCThreadGroup parent = g == null ? null : g.getParent();
        return parent != null && parent.getParent() == null && "CarrierThreads".equals(g.getName())
                && "system".equals(parent.getName());
    }

    /** Tells the visitor when {@code t} is a virtual thread or a carrier of them. */
    static void note(IMCThread t, String eventType, RecordingVisitor visitor) {
        if (t == null) {
            return;
        }
        long id = t.getThreadId() == null ? -1 : t.getThreadId();
        if (isVirtual(t)) {
            visitor.virtualThreadSeen(id, eventType);
        } else if (isCarrier(t)) {
            visitor.carrierThreadSeen(id);
        }
    }

    /** Its name, never blank ({@link ThreadNames}); "?" for no thread. */
    static String name(IMCThread t) {
        if (t == null) {
            return "?";
        }
        Long id = t.getThreadId();
        return ThreadNames.display(t.getThreadName(), id == null ? -1 : id, isVirtual(t));
    }
}
