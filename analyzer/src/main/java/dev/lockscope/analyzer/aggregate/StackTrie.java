package dev.lockscope.analyzer.aggregate;

import dev.lockscope.analyzer.model.Frame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Waiting stacks merged root-first and weighted by wait time: the data of a flame graph. Bounded: once
 * {@link #MAX_NODES} nodes exist, deeper new frames are folded into their parent, so memory never grows
 * with the recording's size.
 */
public final class StackTrie {
    static final int MAX_NODES = 4000;

    private final Node root = new Node(null, "all");
    private int nodes = 1;

    public void add(List<Frame> topFirst, long weightNanos) {
        Node n = root;
        n.weight += weightNanos;
        for (int i = topFirst.size() - 1; i >= 0; i--) {
            // Keyed by the frame itself: building its printed name for every frame of every event took half
            // of the analyzer's time (docs/PERFORMANCE.md, "Analyzer throughput and memory").
            Frame frame = topFirst.get(i);
            Node child = n.children.get(frame);
            if (child == null) {
                if (nodes >= MAX_NODES) {
                    return;
                }
                child = new Node(frame, frame.toString());
                n.children.put(frame, child);
                nodes++;
            }
            child.weight += weightNanos;
            n = child;
        }
    }

    public void addAll(StackTrie other) {
        merge(root, other.root, true);
    }

    private void merge(Node into, Node from, boolean isRoot) {
        if (isRoot) {
            into.weight += from.weight;
        }
        for (Node c : from.children.values()) {
            Node mine = into.children.get(c.frame);
            if (mine == null) {
                if (nodes >= MAX_NODES) {
                    continue;
                }
                mine = new Node(c.frame, c.name);
                into.children.put(c.frame, mine);
                nodes++;
            }
            mine.weight += c.weight;
            merge(mine, c, false);
        }
    }

    public Node root() {
        return root;
    }

    /** One frame in the merged tree, with the total wait of all stacks through it. */
    public static final class Node {
        private final Frame frame;
        private final String name;
        private long weight;
        private final Map<Frame, Node> children = new LinkedHashMap<>();

        Node(Frame frame, String name) {
            this.frame = frame;
            this.name = name;
        }

        public String name() {
            return name;
        }

        public long weightNanos() {
            return weight;
        }

        public List<Node> children() {
            List<Node> l = new ArrayList<>(children.values());
            l.sort((a, b) -> Long.compare(b.weight, a.weight));
            return l;
        }
    }
}
