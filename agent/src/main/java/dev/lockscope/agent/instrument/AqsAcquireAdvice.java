package dev.lockscope.agent.instrument;

import dev.lockscope.agent.boot.LockscopeDispatch;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code AbstractQueuedSynchronizer.acquire(Node, arg, shared, interruptible, timed, time)}:
 * the slow path, entered only after the fast-path try failed. A non-null node means a condition waiter
 * re-acquiring after a signal; that time belongs to the condition wait and is not counted here.
 * References only bootstrap-visible types.
 */
public final class AqsAcquireAdvice {
    private AqsAcquireAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@Advice.This Object self, @Advice.Argument(0) Object node, @Advice.Argument(2) boolean shared) {
        return node == null ? LockscopeDispatch.waitBegin(self, shared) : 0L;
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(@Advice.This Object self, @Advice.Enter long token, @Advice.Return int result) {
        LockscopeDispatch.waitEnd(self, token, result > 0);
    }
}
