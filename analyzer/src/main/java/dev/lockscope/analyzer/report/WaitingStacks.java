package dev.lockscope.analyzer.report;

import dev.lockscope.analyzer.report.Report.FlameNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The waiting stacks a row's tree holds, one per place where waits ended, with those waits: what the pprof and
 * collapsed formats write. Every wait of the tree is in exactly one stack, so the stacks add up to the row's totals.
 */
final class WaitingStacks {

    /**
     * Waits whose stack is {@code rootFirst}.
     *
     * @param rootFirst the frames, outermost first (empty: the waits had no stack trace)
     * @param cut       true when the waits' stacks went deeper but the lock's tree was full: only these frames were kept
     */
    record Stack(List<FlameNode> rootFirst, long count, long nanos, boolean cut) {
    }

    private WaitingStacks() {
    }

    static void forEach(FlameNode root, Consumer<Stack> visitor) {
        visit(root, new ArrayList<>(), visitor);
    }

    private static void visit(FlameNode n, List<FlameNode> path, Consumer<Stack> visitor) {
        long childCount = 0;
        long childNanos = 0;
        for (FlameNode c : n.children()) {
            childCount += c.count();
            childNanos += c.nanos();
        }
        long endedCount = n.count() - childCount - n.cutCount();
        long endedNanos = n.nanos() - childNanos - n.cutNanos();
        if (endedCount > 0 || endedNanos > 0) {
            visitor.accept(new Stack(List.copyOf(path), endedCount, endedNanos, false));
        }
        if (n.cutCount() > 0) {
            visitor.accept(new Stack(List.copyOf(path), n.cutCount(), n.cutNanos(), true));
        }
        for (FlameNode c : n.children()) {
            path.add(c);
            visit(c, path, visitor);
            path.remove(path.size() - 1);
        }
    }
}
