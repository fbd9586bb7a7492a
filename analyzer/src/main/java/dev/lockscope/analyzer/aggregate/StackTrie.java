package dev.lockscope.analyzer.aggregate;

import dev.lockscope.analyzer.model.Frame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Waiting stacks merged root-first, each node with the waits through it and their wait time: the data of a flame
 * graph and of the pprof profile. Bounded: once {@link #MAX_NODES} nodes exist, a stack that needs a new node is cut
 * at the last node it reached, which counts it as cut, so memory never grows with the recording's size and no wait
 * is lost from the totals.
 */
public final class StackTrie {
    public static final int MAX_NODES = 4000;

    private final Node root = new Node(null, "all");
    private int nodes = 1;

    public void add(List<Frame> topFirst, long weightNanos) {
        Node n = root;
        n.weight += weightNanos;
        n.count++;
        for (int i = topFirst.size() - 1; i >= 0; i--) {
            // Keyed by the frame itself: building its printed name for every frame of every event took half
            // of the analyzer's time (docs/PERFORMANCE.md, "Analyzer throughput and memory").
            Frame frame = topFirst.get(i);
            Node child = n.children.get(frame);
            if (child == null) {
                if (nodes >= MAX_NODES) {
                    n.cutCount++;
                    n.cutNanos += weightNanos;
                    return;
                }
                child = new Node(frame, frame.toString());
                n.children.put(frame, child);
                nodes++;
            }
            child.weight += weightNanos;
            child.count++;
            n = child;
        }
    }

    public void addAll(StackTrie other) {
        root.addCounts(other.root);
        mergeChildren(root, other.root);
    }

    private void mergeChildren(Node into, Node from) {
        for (Node c : from.children.values()) {
            Node mine = into.children.get(c.frame);
            if (mine == null) {
                if (nodes >= MAX_NODES) {
                    // Every wait through c now ends, cut, at into.
                    into.cutCount += c.count;
                    into.cutNanos += c.weight;
                    continue;
                }
                mine = new Node(c.frame, c.name);
                into.children.put(c.frame, mine);
                nodes++;
            }
            mine.addCounts(c);
            mergeChildren(mine, c);
        }
    }

    public Node root() {
        return root;
    }

    /** Nodes in the tree, the root included. */
    int nodes() {
        return nodes;
    }

    /**
     * A tree of the root alone, with every wait that went deeper counted as cut at the root: the same waits and wait
     * time, without their stacks.
     */
    StackTrie collapsed() {
        StackTrie t = new StackTrie();
        t.root.addCounts(root);
        for (Node c : root.children.values()) {
            t.root.cutCount += c.count;
            t.root.cutNanos += c.weight;
        }
        return t;
    }

    /**
     * One frame in the merged tree, with the waits of all stacks through it. Of those, the ones no child carries on
     * ended here: either their stack ends with this frame, or ({@link #cutCount}) it was cut here by the node bound.
     */
    public static final class Node {
        private final Frame frame;
        private final String name;
        private long weight;
        private long count;
        private long cutCount;
        private long cutNanos;
        private final Map<Frame, Node> children = new LinkedHashMap<>();

        Node(Frame frame, String name) {
            this.frame = frame;
            this.name = name;
        }

        private void addCounts(Node o) {
            weight += o.weight;
            count += o.count;
            cutCount += o.cutCount;
            cutNanos += o.cutNanos;
        }

        public String name() {
            return name;
        }

        /** The frame, or null for the root. */
        public Frame frame() {
            return frame;
        }

        public long weightNanos() {
            return weight;
        }

        /** Waits whose stack passes through this node. */
        public long count() {
            return count;
        }

        /** Waits whose stack went deeper but was cut here: the tree was full. */
        public long cutCount() {
            return cutCount;
        }

        public long cutNanos() {
            return cutNanos;
        }

        public List<Node> children() {
            List<Node> l = new ArrayList<>(children.values());
            l.sort((a, b) -> Long.compare(b.weight, a.weight));
            return l;
        }
    }
}
