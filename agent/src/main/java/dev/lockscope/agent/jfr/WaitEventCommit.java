package dev.lockscope.agent.jfr;

import dev.lockscope.agent.registry.LockFrames;
import dev.lockscope.events.LockWait;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Commits a {@code dev.lockscope.LockWait} so that its stack starts at the application's acquire site, not in the
 * agent's hook or the lock's code (both are above it when the wait ends). JFR skips a fixed number of frames of a
 * type's events, counted from the frame that commits; once the agent has moved that number up by {@link #SKIP}
 * ({@link LockWaitStacks}), this class counts the lock's and the agent's frames above the acquire site
 * ({@link LockFrames}) and commits from a chain of calls deep enough that exactly those frames are skipped. The walk
 * costs a few microseconds per written event, which the per-second event budget bounds; waits are never walked.
 */
public final class WaitEventCommit {
    /** Frames JFR skips above the committing one once the offset is moved: more than any lock's own call depth. */
    public static final int SKIP = 48;
    private static final StackWalker WALKER = StackWalker.getInstance(
            Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE, StackWalker.Option.SHOW_HIDDEN_FRAMES));
    private static volatile boolean trimmed;
    private static final AtomicLong tooDeep = new AtomicLong();

    private WaitEventCommit() {
    }

    /** JFR now skips {@link #SKIP} more frames of LockWait events: commit through the padded chain from now on. */
    public static void trimmed() {
        trimmed = true;
    }

    public static boolean isTrimmed() {
        return trimmed;
    }

    /** Events whose lock and agent frames were more than {@link #SKIP}: their stacks still start with some of them. */
    public static long tooDeep() {
        return tooDeep.get();
    }

    /** Commits {@code ev} (a wait for the synchronizer of class {@code syncClass}) with its stack trimmed. */
    public static void commit(LockWait ev, String syncClass) {
        if (!trimmed) {
            ev.commit();
            return;
        }
        int pad = SKIP - 1 - framesAboveAcquire(syncClass);
        if (pad < 0) {
            tooDeep.incrementAndGet();
            ev.commit(); // JFR skips SKIP of them: no application frame is lost
            return;
        }
        commitBelow(ev, pad);
    }

    /**
     * Frames from the caller down to (not including) the acquire site; this method's own frame is skipped, since it
     * is gone when the event is committed. JFR and the walker both count every frame, inlined and hidden ones
     * included, so the counts agree whatever the JIT did.
     */
    private static int framesAboveAcquire(String syncClass) {
        return (int) (long) WALKER.walk(frames -> frames.skip(1).takeWhile(f -> LockFrames.isMachinery(f, syncClass)).count());
    }

    /** Runs the walk once before the hooks write events, so no class of it loads inside an application's lock. */
    public static void warmUp() {
        framesAboveAcquire(WaitEventCommit.class.getName());
    }

    /** Commits from {@code more} + 1 frames above the caller, so that SKIP frames above the acquire site are skipped. */
    private static void commitBelow(LockWait ev, int more) {
        if (more > 0) {
            commitBelow(ev, more - 1);
            return;
        }
        ev.commit();
    }
}
