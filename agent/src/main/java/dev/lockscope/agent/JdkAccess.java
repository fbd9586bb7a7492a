package dev.lockscope.agent;

import dev.lockscope.agent.dispatch.LockscopeDispatch;
import dev.lockscope.agent.hooks.SyncAccess;
import dev.lockscope.agent.hooks.VirtualThreads;
import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Set;

/** Opens what the hooks read inside java.base to the agent, and lets java.base read the boot loader's dispatcher. */
final class JdkAccess {
    private JdkAccess() {
    }

    /** Opens java.util.concurrent(.locks), java.lang and jdk.internal.vm to the agent; returns the locks' accessors. */
    static SyncAccess open(Instrumentation inst) throws ReflectiveOperationException {
        Module base = Object.class.getModule();
        Module self = JdkAccess.class.getModule();
        inst.redefineModule(base, Set.of(LockscopeDispatch.class.getModule()), Map.of(),
                Map.of("java.util.concurrent.locks", Set.of(self), "java.util.concurrent", Set.of(self),
                        // Virtual threads' carrier and state, and the JDK's thread snapshots (JDK 21+).
                        "java.lang", Set.of(self), "jdk.internal.vm", Set.of(self)), Set.of(), Map.of());
        SyncAccess access = new SyncAccess();
        VirtualThreads.fieldsReadable(); // initialised now java.lang is open
        return access;
    }
}
