package dev.lockscope.analyzer.report;

import dev.lockscope.analyzer.aggregate.StackTrie;
import dev.lockscope.analyzer.holders.OwnerStack;
import dev.lockscope.analyzer.holders.OwnerState;
import dev.lockscope.analyzer.model.Frame;
import dev.lockscope.analyzer.report.Report.FlameNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The holder flame graph's tree: the owners' stacks while others waited, root first, each topped by what the owner
 * was doing there and the event that says so ({@code [in file I/O: jdk.FileForce]}, {@code [running Java code]}: the
 * JDK 22+ file events' stacks begin at the caller of the file call, so the event names the call), beside the JVM's
 * pauses and the unknown rest,
 * so that the root's width is the time the owners held the lock during the waits and a state's frames add up to its
 * share. Bounded like the waiters' tree ({@link StackTrie#MAX_NODES} nodes): a stack that needs a node past it ends,
 * cut, at the deepest node it reached.
 */
final class HolderFlame {
    static final String PAUSES = "[in GC pauses or safepoints]";
    static final String UNKNOWN = "[unknown: no event or sample of the owner]";

    private final Node root = new Node("all", null);
    private int nodes = 1;

    private HolderFlame() {
    }

    /** The tree of {@code stacks}, whose root is {@code ownedNanos} wide. */
    static FlameNode of(List<OwnerStack> stacks, long ownedNanos) {
        HolderFlame f = new HolderFlame();
        for (OwnerStack s : stacks) {
            f.add(s);
        }
        f.root.nanos = Math.max(f.root.nanos, ownedNanos);
        return f.root.toFlame();
    }

    /** The name of the pseudo-frame on top of a state's stacks: the state, and the event type it came from. */
    static String stateFrame(OwnerState s, String event) {
        return s == OwnerState.GC_OR_SAFEPOINT ? PAUSES : s == OwnerState.UNKNOWN ? UNKNOWN
                : "[" + s.label() + (event == null ? "" : ": " + event) + "]";
    }

    private void add(OwnerStack s) {
        Node n = root;
        n.count += s.count();
        n.nanos += s.nanos();
        List<Object> path = new ArrayList<>(s.rootFirst());
        if (s.state() == OwnerState.GC_OR_SAFEPOINT) {
            path.add(PAUSES);
            path.add(s.event());
        } else if (s.cut()) {
            // The stack's upper frames were not kept: no state frame on top of a wrong frame.
            n = walk(n, path, s);
            if (n != null) {
                n.cutCount += s.count();
                n.cutNanos += s.nanos();
            }
            return;
        } else {
            path.add(stateFrame(s.state(), s.event()));
        }
        walk(n, path, s);
    }

    /** Adds the stack along {@code path}; returns the last node, which is where a cut stack ends. */
    private Node walk(Node n, List<Object> path, OwnerStack s) {
        for (Object step : path) {
            Node child = n.children.get(step);
            if (child == null) {
                if (nodes >= StackTrie.MAX_NODES) {
                    n.cutCount += s.count();
                    n.cutNanos += s.nanos();
                    return null;
                }
                child = new Node(step instanceof Frame ? step.toString() : (String) step,
                        step instanceof Frame ? (Frame) step : null);
                n.children.put(step, child);
                nodes++;
            }
            child.count += s.count();
            child.nanos += s.nanos();
            n = child;
        }
        return n;
    }

    private static final class Node {
        final String name;
        final Frame frame;
        long count;
        long nanos;
        long cutCount;
        long cutNanos;
        final Map<Object, Node> children = new LinkedHashMap<>();

        Node(String name, Frame frame) {
            this.name = name;
            this.frame = frame;
        }

        FlameNode toFlame() {
            List<FlameNode> kids = new ArrayList<>();
            for (Node c : children.values()) {
                kids.add(c.toFlame());
            }
            kids.sort((a, b) -> Long.compare(b.nanos(), a.nanos()));
            return new FlameNode(name, frame, count, nanos, cutCount, cutNanos, kids);
        }
    }
}
