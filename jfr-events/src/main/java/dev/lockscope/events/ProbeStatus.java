package dev.lockscope.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/** Whether the native probe is joined into the agent's figures, and if not, why not. */
@Name("dev.lockscope.ProbeStatus")
@Label("Probe Status")
@Category({"lockscope", "Agent"})
@Description("Native-probe capability: what is measured, from which source, or why it is unavailable")
@StackTrace(false)
@Period("1 s")
public class ProbeStatus extends jdk.jfr.Event {
    @Label("Available") public boolean available;
    @Label("On-CPU Source") @Description("e.g. 'eBPF sched_switch (measured)', '/proc (sampled)', or 'unavailable'") public String onCpuSource;
    @Label("Futex Source") public String futexSource;
    @Label("Reason") @Description("Why the probe (or a part of it) is unavailable; empty when available") public String reason;
    @Label("Monitor Waits With Owner Share") @Description("synchronized waits since start whose owner on-CPU share was interpolated from the on-CPU snapshots") public long monitorWaitsMeasured;
    @Label("Monitor Waits Too Short") @Description("synchronized waits since start too short for the snapshot resolution: no share given") public long monitorWaitsTooShort;
    @Label("Monitor Waits Not Covered") @Description("synchronized waits since start whose owner was not watched, or that fell outside the snapshot history: no share given") public long monitorWaitsNotCovered;
}
