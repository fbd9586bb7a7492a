package dev.lockscope.agent.it;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Prints the lockscope events of a recording as simple lines for the tests. Runs in a child JVM of the same
 * JDK that wrote the recording, so a JDK 25 recording is read by JDK 25.
 * <pre>
 * summary|site|lockClass|siteKind|waits|readWaits|writeWaits|waitNs|holds|holdNs|condWaits|topOwner
 * wait|site|mode|owner|durationNs|ownerOnCpuShare|futexCalls|ownerOnCpuSource|futexSource
 * waitstack|site|thread|owner|top frame (Class.method:line) of a LockWait
 * agent|evictions|trackedLocks|hookErrors|hooks|siteSkips|ownWaitsLeftOut|agentOwnedWaits|agentOwnedWaitNs|lockWaitStacks|backgroundErrors
 * probe|available|reason|onCpuSource|futexSource
 * probejoin|site|lockClass|ownerOnCpuShare (wait-time weighted, -1 when none measured)|measuredWaitNs|futexCalls (-1 when none counted)|futexWaits|onCpuSource|futexSource
 * runnable|site|lockClass|runnableThreadsPerCpu (wait-time weighted, -1 when none sampled)|source (last sampled one, else the last reason)
 * advice|site|lockClass|siteKind|verdict|confidence|reason|evidence|missingEvidence|expectedEffect|waits|roundVerdict|agreeingRounds
 * monshare|measured|tooShort|notCovered (from the last ProbeStatus)
 * pctl|site|waitP50|waitP99|maxWait|holdP50|maxHold (one per LockSummary event)
 * vsummary|site|lockClass|source|waits|virtualWaits|topOwner (summed, like summary; recordings with virtualWaits)
 * vwait|site|thread|carrier|owner of a LockWait (recordings whose LockWait has a carrier field)
 * vtstatus|virtualThreadMonitors (from the last AgentStatus that has it)
 * start|startDuration|premainDuration (ms, from the last AgentStatus that has the latter)
 * </pre>
 */
public final class JfrDump {
    public static void main(String[] args) throws Exception {
        Map<String, long[]> sums = new TreeMap<>();
        Map<String, Map<String, Long>> owners = new LinkedHashMap<>();
        Map<String, String[]> meta = new LinkedHashMap<>();
        Map<String, double[]> joined = new TreeMap<>();
        Map<String, String[]> joinedSources = new TreeMap<>();
        Map<String, double[]> runnable = new TreeMap<>();
        Map<String, String> runnableSources = new TreeMap<>();
        String monShare = null;
        Map<String, long[]> virtualSums = new TreeMap<>();
        Map<String, String> sources = new TreeMap<>();
        String vtStatus = null;
        String start = null;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            String type = e.getEventType().getName();
            switch (type) {
                case "dev.lockscope.LockSummary": {
                    String key = e.getString("site") + "|" + e.getString("lockClass");
                    System.out.println("pctl|" + e.getString("site") + "|" + e.getLong("waitP50") + "|"
                            + e.getLong("waitP99") + "|" + e.getLong("maxWait") + "|" + e.getLong("holdP50") + "|"
                            + e.getLong("maxHold"));
                    meta.put(key, new String[] {e.getString("siteKind")});
                    long[] s = sums.computeIfAbsent(key, k -> new long[8]);
                    s[0] += e.getLong("waits");
                    s[1] += e.getLong("readWaits");
                    s[2] += e.getLong("writeWaits");
                    s[3] += e.getLong("waitTime");
                    s[4] += e.getLong("holds");
                    s[5] += e.getLong("holdTime");
                    s[6] += e.getLong("conditionWaits");
                    double[] j = joined.computeIfAbsent(key, k -> new double[] {0, 0, 0, 0});
                    if (e.getDouble("ownerOnCpuShare") >= 0) {
                        j[0] += e.getDouble("ownerOnCpuShare") * e.getLong("ownerMeasuredWaitTime");
                        j[1] += e.getLong("ownerMeasuredWaitTime");
                    }
                    if (e.getLong("futexCalls") >= 0) {
                        j[2] += e.getLong("futexCalls");
                        j[3] += e.getLong("futexWaits");
                    }
                    String[] src = joinedSources.computeIfAbsent(key, k -> new String[2]);
                    if (src[0] == null || e.getDouble("ownerOnCpuShare") >= 0) {
                        src[0] = e.getString("ownerOnCpuSource");
                    }
                    if (src[1] == null || e.getLong("futexCalls") >= 0) {
                        src[1] = e.getString("futexSource");
                    }
                    if (e.hasField("runnableThreadsPerCpu")) {
                        double[] rn = runnable.computeIfAbsent(key, k -> new double[2]);
                        if (e.getDouble("runnableThreadsPerCpu") >= 0) {
                            rn[0] += e.getDouble("runnableThreadsPerCpu") * e.getLong("waitTime");
                            rn[1] += e.getLong("waitTime");
                            runnableSources.put(key, e.getString("runnableSource"));
                        } else if (!runnableSources.containsKey(key) || rn[1] == 0) {
                            runnableSources.put(key, e.getString("runnableSource"));
                        }
                    }
                    if (e.hasField("virtualWaits")) {
                        long[] v = virtualSums.computeIfAbsent(key, k -> new long[2]);
                        v[0] += e.getLong("waits");
                        v[1] += e.getLong("virtualWaits");
                        sources.put(key, e.getString("source"));
                    }
                    String owner = e.getString("topOwner");
                    if (owner != null && !owner.isEmpty()) {
                        owners.computeIfAbsent(key, k -> new LinkedHashMap<>()).merge(owner, e.getLong("waits"), Long::sum);
                    }
                    break;
                }
                case "dev.lockscope.LockWait":
                    System.out.println("wait|" + e.getString("site") + "|" + e.getString("mode") + "|"
                            + (e.getThread("owner") == null ? "" : e.getThread("owner").getJavaName()) + "|" + e.getDuration().toNanos()
                            + "|" + e.getDouble("ownerOnCpuShare") + "|" + e.getLong("futexCalls") + "|" + e.getString("ownerOnCpuSource")
                            + "|" + e.getString("futexSource"));
                    if (e.hasField("carrier")) {
                        System.out.println("vwait|" + e.getString("site") + "|" + (e.getThread() == null ? "" : e.getThread().getJavaName())
                                + "|" + (e.getThread("carrier") == null ? "" : e.getThread("carrier").getJavaName()) + "|"
                                + (e.getThread("owner") == null ? "" : e.getThread("owner").getJavaName()));
                    }
                    jdk.jfr.consumer.RecordedStackTrace st = e.getStackTrace();
                    jdk.jfr.consumer.RecordedFrame top = st == null || st.getFrames().isEmpty() ? null : st.getFrames().get(0);
                    System.out.println("waitstack|" + e.getString("site") + "|" + (e.getThread() == null ? "" : e.getThread().getJavaName())
                            + "|" + (e.getThread("owner") == null ? "" : e.getThread("owner").getJavaName()) + "|"
                            + (top == null ? "" : top.getMethod().getType().getName() + "." + top.getMethod().getName() + ":" + top.getLineNumber()));
                    break;
                case "dev.lockscope.AgentStatus":
                    if (e.hasField("virtualThreadMonitors")) {
                        vtStatus = "vtstatus|" + e.getString("virtualThreadMonitors");
                    }
                    if (e.hasField("premainDuration")) {
                        start = "start|" + e.getLong("startDuration") + "|" + e.getLong("premainDuration");
                    }
                    System.out.println("agent|" + e.getLong("evictions") + "|" + e.getInt("trackedLocks") + "|" + e.getLong("hookErrors") + "|" + e.getString("hooks")
                            + "|" + e.getLong("siteSkips")
                            + (e.hasField("ownWaitsLeftOut") ? "|" + e.getLong("ownWaitsLeftOut") + "|" + e.getLong("agentOwnedWaits")
                                    + "|" + e.getLong("agentOwnedWaitTime") + "|" + e.getString("lockWaitStacks") : "")
                            + (e.hasField("backgroundErrors") ? "|" + e.getLong("backgroundErrors") : ""));
                    break;
                case "dev.lockscope.ProbeStatus":
                    System.out.println("probe|" + e.getBoolean("available") + "|" + e.getString("reason") + "|" + e.getString("onCpuSource")
                            + "|" + e.getString("futexSource"));
                    if (e.hasField("monitorWaitsMeasured")) {
                        monShare = "monshare|" + e.getLong("monitorWaitsMeasured") + "|" + e.getLong("monitorWaitsTooShort") + "|"
                                + e.getLong("monitorWaitsNotCovered");
                    }
                    break;
                case "dev.lockscope.LockAdvice":
                    System.out.println("advice|" + e.getString("site") + "|" + e.getString("lockClass") + "|" + e.getString("siteKind") + "|"
                            + e.getString("verdict") + "|" + e.getString("confidence") + "|" + e.getString("reason") + "|"
                            + e.getString("evidence").replace('|', '/') + "|" + e.getString("missingEvidence").replace('|', '/') + "|"
                            + e.getString("expectedEffect") + "|" + e.getLong("waits") + "|" + e.getString("roundVerdict") + "|"
                            + e.getInt("agreeingRounds"));
                    break;
                default:
                    break;
            }
        }
        for (Map.Entry<String, long[]> en : sums.entrySet()) {
            long[] s = en.getValue();
            String top = owners.getOrDefault(en.getKey(), Map.of()).entrySet().stream()
                    .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
            System.out.println("summary|" + en.getKey() + "|" + meta.get(en.getKey())[0] + "|" + s[0] + "|" + s[1] + "|" + s[2] + "|" + s[3]
                    + "|" + s[4] + "|" + s[5] + "|" + s[6] + "|" + top);
            double[] j = joined.get(en.getKey());
            String[] src = joinedSources.get(en.getKey());
            System.out.println("probejoin|" + en.getKey() + "|" + (j[1] > 0 ? j[0] / j[1] : -1) + "|" + (long) j[1] + "|"
                    + (j[3] > 0 ? (long) j[2] : -1) + "|" + (long) j[3] + "|" + src[0] + "|" + src[1]);
            double[] rn = runnable.get(en.getKey());
            if (rn != null) {
                System.out.println("runnable|" + en.getKey() + "|" + (rn[1] > 0 ? rn[0] / rn[1] : -1) + "|" + runnableSources.get(en.getKey()));
            }
        }
        if (monShare != null) {
            System.out.println(monShare);
        }
        for (Map.Entry<String, long[]> en : virtualSums.entrySet()) {
            String top = owners.getOrDefault(en.getKey(), Map.of()).entrySet().stream()
                    .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
            System.out.println("vsummary|" + en.getKey() + "|" + sources.get(en.getKey()) + "|" + en.getValue()[0] + "|"
                    + en.getValue()[1] + "|" + top);
        }
        if (start != null) {
            System.out.println(start);
        }
        if (vtStatus != null) {
            System.out.println(vtStatus);
        }
    }
}
