package dev.lockscope.locks;

/**
 * Which spin policy a lock uses and where its facts come from, for {@link AdaptiveReentrantLock#policy()}.
 *
 * @param kind   {@link Kind#ON_CPU_ORACLE} when a native on-CPU source answers, else {@link Kind#PORTABLE}
 * @param source the facts' origin and kind (measured / sampled), or why no on-CPU source is used
 */
public record LockPolicy(Kind kind, String source) {
    /** The two policies. */
    public enum Kind {
        /** Spin only while native-probe says the owner is on a CPU (measured), within the learned budget. */
        ON_CPU_ORACLE,
        /** Learned spin budget plus a sampled check for more runnable threads than CPUs. */
        PORTABLE
    }

    @Override
    public String toString() {
        return kind + ": " + source;
    }
}
