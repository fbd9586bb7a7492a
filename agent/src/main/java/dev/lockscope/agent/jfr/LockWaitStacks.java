package dev.lockscope.agent.jfr;

import dev.lockscope.events.LockWait;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.Set;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;

/**
 * Makes {@code dev.lockscope.LockWait} stacks start at the application's acquire site. JFR's public API cannot
 * say which frames a user event's stack leaves out (JDK 22's {@code @StackFilter} is for the JDK's own events), but
 * JFR skips a fixed number of frames above the committing one, held per event type; the agent moves that number
 * for LockWait up by {@link WaitEventCommit#SKIP} and commits each event from exactly that many frames above the
 * acquire site. Needs JFR's internals opened to the agent (Instrumentation can) and a write to a final field, which
 * JDKs after 25 warn about on the host's stderr: there, and wherever the internals are not as expected, stacks stay
 * as JFR takes them (starting in the agent's hook) and the agent's status says why.
 */
public final class LockWaitStacks {
    /** The last JDK whose JFR internals this was checked against. */
    static final int LAST_CHECKED_JDK = 25;
    private static String state = "not trimmed: the agent's JFR events did not start";

    private LockWaitStacks() {
    }

    /** Moves LockWait's stack offset (once); returns null when done, else why the stacks stay untrimmed. */
    public static synchronized String trim(Instrumentation inst) {
        if (WaitEventCommit.isTrimmed()) {
            return null;
        }
        int jdk = Runtime.version().feature();
        if (jdk > LAST_CHECKED_JDK) {
            state = "not trimmed: on JDK " + jdk + " moving JFR's stack offset would write a final field, which this JDK"
                    + " may warn about on the application's stderr; stacks start in the agent's hook";
            return state;
        }
        try {
            Module jfr = EventType.class.getModule();
            inst.redefineModule(jfr, Set.of(), Map.of(), Map.of("jdk.jfr.internal", Set.of(LockWaitStacks.class.getModule())),
                    Set.of(), Map.of());
            FlightRecorder.register(LockWait.class);
            Class<?> access = Class.forName("jdk.jfr.internal.PrivateAccess");
            Object instance = access.getMethod("getInstance").invoke(null);
            Object platformType = access.getMethod("getPlatformEventType", EventType.class)
                    .invoke(instance, EventType.getEventType(LockWait.class));
            Field offset = platformType.getClass().getDeclaredField("stackTraceOffset");
            offset.setAccessible(true);
            WaitEventCommit.warmUp();
            offset.setInt(platformType, offset.getInt(platformType) + WaitEventCommit.SKIP);
            WaitEventCommit.trimmed();
            state = null;
            return null;
        } catch (Throwable t) {
            state = "not trimmed: JFR's stack offset could not be moved (" + t + "); stacks start in the agent's hook";
            return state;
        }
    }

    /** How LockWait stacks start, for the agent's status. */
    public static synchronized String describe() {
        if (state != null) {
            return state;
        }
        long deep = WaitEventCommit.tooDeep();
        return "trimmed: stacks start at the first frame outside the lock's code and the agent"
                + (deep > 0 ? "; " + deep + " events had more than " + WaitEventCommit.SKIP
                        + " such frames: their stacks start with the ones past that" : "");
    }
}
