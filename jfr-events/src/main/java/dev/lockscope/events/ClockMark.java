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
@Name("dev.lockscope.ClockMark")
@Label("Clock Mark")
@Category({"lockscope", "Agent"})
@Description("Internal clock calibration of the lockscope agent's monitor stream: System.nanoTime at commit")
@StackTrace(false)
@Enabled(false)
public class ClockMark extends jdk.jfr.Event {
    @Label("Nano Time") @Description("System.nanoTime() just before commit") public long nanoTime;
}
