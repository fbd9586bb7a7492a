package dev.lockscope.locks;

/**
 * Decides, during a spin, whether the lock's owner is worth waiting for on a CPU. Two implementations:
 * with a native on-CPU source ({@link #oracle}) and without ({@link #portable}). Shared by all locks.
 */
abstract class SpinPolicy {
    /** Spinning on a single CPU can only delay the owner. */
    static final boolean MULTI_CPU = RunnableLoad.CPUS > 1;

    private static final class Holder {
        static final ProbeLoader LOADED = ProbeLoader.load();
        static final SpinPolicy DEFAULT = LOADED.probe != null ? new Oracle(LOADED.probe) : Portable.withReason(LOADED.reason);
    }

    /** The best policy this process has: the oracle if native-probe answers, else portable. */
    static SpinPolicy best() {
        return Holder.DEFAULT;
    }

    static SpinPolicy portable() {
        return Holder.DEFAULT instanceof Portable ? Holder.DEFAULT : Portable.withReason("portable policy requested");
    }

    static SpinPolicy oracle(OwnerProbe probe) {
        return new Oracle(probe);
    }

    /** Called by a thread entering the contended path, so that others can later look it up as an owner. */
    abstract void registerCurrentThread();

    /** Null if spinning for {@code owner} (maybe null: between owners) is worthwhile right now, else why not. */
    abstract SpinOutcome refusal(Thread owner);

    abstract LockPolicy describe();

    /** No on-CPU source: spin unless the system has more runnable threads than CPUs. */
    static final class Portable extends SpinPolicy {
        private final String why;

        private Portable(String why) {
            this.why = why;
        }

        static Portable withReason(String why) {
            return new Portable(why);
        }

        @Override
        void registerCurrentThread() {
        }

        @Override
        SpinOutcome refusal(Thread owner) {
            return portableVerdict() ? null : SpinOutcome.SYSTEM_BUSY;
        }

        @Override
        LockPolicy describe() {
            return new LockPolicy(LockPolicy.Kind.PORTABLE, RunnableLoad.source() + "; " + why);
        }
    }

    static boolean portableVerdict() {
        if (!MULTI_CPU) return false;
        int r = RunnableLoad.runnable();
        return r < 0 || r <= RunnableLoad.CPUS;
    }

    /** A native source answers: spin only while it says the owner is on a CPU. */
    static final class Oracle extends SpinPolicy {
        private final OwnerProbe probe;

        Oracle(OwnerProbe probe) {
            this.probe = probe;
        }

        @Override
        void registerCurrentThread() {
            TidRegistry.registerCurrent(probe);
        }

        @Override
        SpinOutcome refusal(Thread owner) {
            if (owner == null) return null; // being handed over: the next check sees the new owner
            int tid = TidRegistry.tidOf(owner);
            int state = tid > 0 ? probe.onCpu(tid) : OwnerProbe.UNKNOWN;
            if (state == OwnerProbe.ON_CPU) return null;
            if (state == OwnerProbe.OFF_CPU) return SpinOutcome.OWNER_OFF_CPU;
            // untracked owner (virtual, not yet registered) or stale answer
            return portableVerdict() ? null : SpinOutcome.OWNER_UNKNOWN_BUSY;
        }

        @Override
        LockPolicy describe() {
            return new LockPolicy(LockPolicy.Kind.ON_CPU_ORACLE, probe.source());
        }
    }
}
