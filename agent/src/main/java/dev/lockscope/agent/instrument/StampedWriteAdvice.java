package dev.lockscope.agent.instrument;

import dev.lockscope.agent.boot.LockscopeDispatch;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code StampedLock.acquireWrite}: entered only after the write fast path failed. */
public final class StampedWriteAdvice {
    private StampedWriteAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@Advice.This Object self) {
        return LockscopeDispatch.stampedBegin(self, true);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(@Advice.This Object self, @Advice.Enter long token, @Advice.Return long stamp) {
        // 0 = timed out, 1 = interrupted (StampedLock.INTERRUPTED); anything else is a stamp.
        LockscopeDispatch.waitEnd(self, token, stamp > 1L || stamp < 0L);
    }
}
