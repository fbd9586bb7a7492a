package dev.lockscope.agent.instrument;

import dev.lockscope.agent.boot.LockscopeDispatch;
import net.bytebuddy.asm.Advice;

/** Inlined into the {@code await*} methods of AQS condition objects: condition waits, kept apart from lock waits. */
public final class ConditionAwaitAdvice {
    private ConditionAwaitAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@Advice.This Object self) {
        return LockscopeDispatch.conditionBegin(self);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(@Advice.This Object self, @Advice.Enter long token) {
        LockscopeDispatch.conditionEnd(self, token);
    }
}
