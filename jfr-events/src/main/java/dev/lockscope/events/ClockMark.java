package dev.lockscope.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Internal: ties JFR's event clock to System.nanoTime, so the agent can place the JDK's monitor events on its
 * own on-CPU snapshots. JFR event times drift from the wall clock over a long chunk; this mark, written once a
 * second while the agent's monitor stream runs, carries the nanoTime of its own commit.
 */
@Name(ClockMark.NAME)
@Label("Clock Mark")
@Category({"lockscope", "Agent"})
@Description("Internal clock calibration of the lockscope agent's monitor stream: System.nanoTime at commit")
@StackTrace(false)
@Enabled(false)
public class ClockMark extends jdk.jfr.Event {
    /** The event's name in a recording: readers find it by this name. */
    public static final String NAME = "dev.lockscope.ClockMark";

    @Label("Nano Time") @Description("System.nanoTime() just before commit") public long nanoTime;

    /**
     * The names of this event's fields in a recording, one per field above and spelled as it is: what a reader looks
     * up (the analyzer's round-trip test holds the two lists equal).
     */
    public static final class Fields {
        public static final String NANO_TIME = "nanoTime";

        private Fields() {
        }
    }
}
