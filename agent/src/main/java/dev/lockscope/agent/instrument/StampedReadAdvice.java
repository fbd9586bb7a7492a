package dev.lockscope.agent.instrument;

import dev.lockscope.agent.boot.LockscopeDispatch;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code StampedLock.acquireRead}: entered only after the read fast path failed. */
public final class StampedReadAdvice {
    private StampedReadAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@Advice.This Object self) {
        return LockscopeDispatch.stampedBegin(self, false);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(@Advice.This Object self, @Advice.Enter long token, @Advice.Return long stamp) {
        LockscopeDispatch.waitEnd(self, token, stamp > 1L || stamp < 0L);
    }
}
