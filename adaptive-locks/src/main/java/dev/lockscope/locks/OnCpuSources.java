package dev.lockscope.locks;

/**
 * Where an embedding (the lockscope agent) hands the locks their on-CPU source. It must happen before the first
 * adaptive lock is built: the policy is chosen once per process, so a later call changes nothing and says so.
 */
public final class OnCpuSources {
    private static volatile OnCpuSource installed;
    private static volatile String refusal;
    /** Set once the policy has been chosen; installs after that are refused. */
    static volatile boolean consulted;

    private OnCpuSources() {
    }

    /** Use {@code source} for every adaptive lock of this process; false when the policy was already chosen. */
    public static synchronized boolean install(OnCpuSource source) {
        if (consulted || source == null) {
            return false;
        }
        installed = source;
        return true;
    }

    /** No source will come: locks use the portable policy and {@code policy()} quotes {@code reason}. */
    public static synchronized boolean unavailable(String reason) {
        if (consulted) {
            return false;
        }
        refusal = reason;
        return true;
    }

    /** The installed source as the locks see it, or null; marks the choice as made. */
    static synchronized OwnerProbe take() {
        consulted = true;
        OnCpuSource s = installed;
        return s == null ? null : new Installed(s);
    }

    static String refusal() {
        return refusal;
    }

    /** Adapts the public interface to the package's own view, guarding against a source that throws anyway. */
    private static final class Installed implements OwnerProbe {
        private final OnCpuSource source;

        Installed(OnCpuSource source) {
            this.source = source;
        }

        @Override
        public int onCpu(int tid) {
            try {
                return source.onCpu(tid);
            } catch (RuntimeException | LinkageError e) {
                return UNKNOWN;
            }
        }

        @Override
        public int currentTid() {
            try {
                return source.currentTid();
            } catch (RuntimeException | LinkageError e) {
                return -1;
            }
        }

        @Override
        public String source() {
            try {
                return source.source();
            } catch (RuntimeException | LinkageError e) {
                return "installed on-CPU source (no description)";
            }
        }
    }
}
