package dev.lockscope.analyzer.holders;

import dev.lockscope.analyzer.model.Frame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The owners' stacks, interned as the nodes of one prefix tree of frames (root first), so that each sample or event
 * keeps a single int and stacks that share their outer frames share their nodes. Bounded: past {@link #MAX_NODES}
 * nodes, a stack that needs a new node is cut at the deepest node it reached, and its id carries {@link #CUT}, so the
 * time it stands for is kept (at a shallower frame) and counted as cut.
 */
final class StackTable {
    static final int MAX_NODES = 100_000;
    /** Set on an id whose stack went deeper than the node it names: the table was full. */
    static final int CUT = 1 << 30;
    /** The id of the empty stack (an event recorded without a stack trace). */
    static final int EMPTY = 0;

    private final int maxNodes;
    private int[] parents = new int[256];
    private int[] frameIds = new int[256];
    private int[] depths = new int[256];
    private int size = 1;
    private final List<Frame> frames = new ArrayList<>();
    private final Map<Frame, Integer> frameIdOf = new HashMap<>();
    // Open addressing: (parent << 32 | frame id) -> child node.
    private long[] childKeys = new long[512];
    private int[] childNodes = new int[512];
    private long cutStacks;

    StackTable() {
        this(MAX_NODES);
    }

    /** A table of at most {@code maxNodes} nodes (tests of the bound). */
    StackTable(int maxNodes) {
        this.maxNodes = maxNodes;
        Arrays.fill(childNodes, -1);
        parents[0] = -1;
    }

    /** The id of a stack given top frame first, as JFR writes it. */
    int id(List<Frame> topFirst) {
        int node = EMPTY;
        for (int i = topFirst.size() - 1; i >= 0; i--) {
            Frame f = topFirst.get(i);
            Integer fid = frameIdOf.get(f);
            int child = fid == null ? -1 : child(node, fid);
            if (child < 0) {
                if (size >= maxNodes) {
                    cutStacks++;
                    return node | CUT;
                }
                if (fid == null) {
                    fid = frames.size();
                    frames.add(f);
                    frameIdOf.put(f, fid);
                }
                child = add(node, fid);
            }
            node = child;
        }
        return node;
    }

    /** The node an id names (its {@link #CUT} flag dropped). */
    static int node(int id) {
        return id & ~CUT;
    }

    static boolean cut(int id) {
        return (id & CUT) != 0;
    }

    int parent(int node) {
        return parents[node];
    }

    /** The frame of a node other than the root. */
    Frame frame(int node) {
        return frames.get(frameIds[node]);
    }

    /** Frames from the root: 0 for the empty stack. */
    int depth(int node) {
        return depths[node];
    }

    /** The stack of a node, outermost frame first. */
    List<Frame> rootFirst(int node) {
        Frame[] out = new Frame[depths[node]];
        for (int n = node; n > 0; n = parents[n]) {
            out[depths[n] - 1] = frames.get(frameIds[n]);
        }
        return Arrays.asList(out);
    }

    /** Stacks cut because the table was full. */
    long cutStacks() {
        return cutStacks;
    }

    private int child(int parent, int frameId) {
        long key = ((long) parent << 32) | frameId;
        int mask = childKeys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            if (childNodes[i] < 0) {
                return -1;
            }
            if (childKeys[i] == key) {
                return childNodes[i];
            }
        }
    }

    private int add(int parent, int frameId) {
        if (size == parents.length) {
            int n = size * 2;
            parents = Arrays.copyOf(parents, n);
            frameIds = Arrays.copyOf(frameIds, n);
            depths = Arrays.copyOf(depths, n);
        }
        int node = size++;
        parents[node] = parent;
        frameIds[node] = frameId;
        depths[node] = depths[parent] + 1;
        if (2 * size > childKeys.length) {
            grow();
        }
        put(((long) parent << 32) | frameId, node);
        return node;
    }

    private void put(long key, int node) {
        int mask = childKeys.length - 1;
        int i = slot(key, mask);
        while (childNodes[i] >= 0) {
            i = (i + 1) & mask;
        }
        childKeys[i] = key;
        childNodes[i] = node;
    }

    private void grow() {
        long[] keys = childKeys;
        int[] nodes = childNodes;
        childKeys = new long[keys.length * 2];
        childNodes = new int[keys.length * 2];
        Arrays.fill(childNodes, -1);
        for (int i = 0; i < keys.length; i++) {
            if (nodes[i] >= 0) {
                put(keys[i], nodes[i]);
            }
        }
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32) & mask;
    }
}
