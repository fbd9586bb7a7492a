package dev.lockscope.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The /proc rung: per-thread figures sampled from {@code /proc/self/task/TID/schedstat} (on-CPU ns, run-queue
 * wait ns) and {@code status} (voluntary / nonvoluntary context switches). Each read is a few system calls;
 * nothing is known between reads, so every value it produces is labelled {@link Provenance#SAMPLED_PROC}.
 * {@code stat}'s state letter is not used: it cannot tell running from runnable.
 */
final class ProcTaskReader {
    private ProcTaskReader() {}

    /** One sample of {@code tid}, or null when the thread is gone or /proc is unreadable. */
    static ProcSample sample(int tid) {
        try {
            long[] sched = schedstat(tid);
            long[] switches = switches(tid);
            return new ProcSample(tid, System.nanoTime(), sched[0], sched[1], switches[0], switches[1]);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {on-CPU ns, run-queue wait ns} from schedstat. */
    static long[] schedstat(int tid) throws IOException {
        String s = read(task(tid).resolve("schedstat"));
        String[] f = s.trim().split("\\s+");
        return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])};
    }

    /** {voluntary, nonvoluntary} context switches from status. */
    static long[] switches(int tid) throws IOException {
        long vol = -1;
        long invol = -1;
        for (String line : read(task(tid).resolve("status")).split("\n")) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
                vol = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                invol = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return new long[] {vol, invol};
    }

    static Path task(int tid) {
        return Paths.get("/proc/self/task", Integer.toString(tid));
    }

    private static String read(Path p) throws IOException {
        return new String(Files.readAllBytes(p), StandardCharsets.US_ASCII);
    }

    /** Whether the /proc rung works here, and if not, why. */
    static Capability detect(int ownTid) {
        if (!Platform.isLinux()) {
            return Capability.missing("/proc sampling", "not Linux");
        }
        if (ownTid <= 0) {
            return Capability.missing("/proc sampling", "kernel tid unknown (gettid unavailable: " + LibC.Loader.failure() + ")");
        }
        try {
            schedstat(ownTid);
            switches(ownTid);
            return Capability.available("/proc sampling", Provenance.SAMPLED_PROC,
                    "/proc/self/task/TID/schedstat + status", "on-CPU ns, run-queue wait ns, voluntary/nonvoluntary switches per read");
        } catch (Throwable t) {
            return Capability.missing("/proc sampling", "cannot read /proc/self/task/" + ownTid + "/schedstat or status: " + t);
        }
    }
}
