package dev.lockscope.agent.jfr;

import dev.lockscope.events.LockWait;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;

/**
 * Whether a recording wants {@code dev.lockscope.LockWait} events: the hooks allocate one for a wait only when it
 * does. This is the flag's one owner: it reads JFR's setting when started and whenever a recording changes state (its
 * listener), and when the agent asks (after starting its own recording, and once a second from the background loop,
 * since a running recording's settings can change without a change of state).
 */
public final class LockWaitSwitch {
    private volatile boolean on;
    private boolean listening;
    private final FlightRecorderListener listener = new FlightRecorderListener() {
        @Override
        public void recordingStateChanged(Recording recording) {
            refresh();
        }
    };

    /** Read by the hooks: one volatile load. */
    public boolean on() {
        return on;
    }

    /** Reads JFR's setting now. */
    public void refresh() {
        on = EventType.getEventType(LockWait.class).isEnabled();
    }

    /** Reads the setting and follows recordings' changes of state from now on. */
    public synchronized void start() {
        refresh();
        if (!listening) {
            FlightRecorder.addListener(listener);
            listening = true;
        }
    }

    /** Stops following recordings (the hooks are off by then); a later {@link #start} follows them again. */
    public synchronized void stop() {
        if (listening) {
            FlightRecorder.removeListener(listener);
            listening = false;
        }
    }
}
