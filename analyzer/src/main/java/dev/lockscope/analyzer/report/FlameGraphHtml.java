package dev.lockscope.analyzer.report;

import dev.lockscope.analyzer.report.Report.FlameNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data and markup of the page's interactive flame graphs; {@code flame.js} draws them. Each graph's tree is
 * written as nested arrays {@code [name index, wait nanos, children...]}, its names in one table for the whole page
 * (the JDK's frames recur in every graph). Names are cleaned ({@link FrameNames}) and siblings that become equal
 * (two spins of one lambda) are merged. The tree arrives pruned ({@code FlameNode.forDisplay}), which
 * bounds the page's size.
 */
final class FlameGraphHtml {
    static final int ROW_PIXELS = 16;
    private final Map<String, Integer> names = new LinkedHashMap<>();
    private int graphs;

    /** Whether a row's tree has any stack to draw. */
    static boolean hasStacks(FlameNode root) {
        return root != null && root.nanos() > 0 && !root.children().isEmpty();
    }

    /** The waiting stacks' graph: controls, canvas and data; the names follow once, at the end of the page. */
    void render(String rowId, FlameNode root, PrintWriter out) {
        render("flame-" + rowId, rowId, "waits", root, out);
    }

    /** The owners' stacks while others waited (the holder flame graph), width = the owners' time. */
    void renderHolders(String rowId, FlameNode root, PrintWriter out) {
        render("flame-" + rowId + "-holders", rowId, "holders", root, out);
    }

    /** {@code measure} tells flame.js what a frame's width is: "waits" (wait time) or "holders" (owners' time). */
    private void render(String id, String rowId, String measure, FlameNode root, PrintWriter out) {
        Node tree = Node.cleaned(root);
        graphs++;
        out.printf("<div class=\"flame%s\" id=\"%s\" data-row=\"%s\" data-measure=\"%s\">%n",
                measure.equals("holders") ? " flame-holders" : "", Html.esc(id), Html.esc(rowId), measure);
        out.println("<div class=\"flame-bar\"><input type=\"search\" class=\"flame-search\" placeholder=\"search frames"
                + " (text or regex)\" aria-label=\"search frames\"> <span class=\"flame-matched\"></span>"
                + " <button type=\"button\" class=\"flame-reset\">Reset zoom</button> <label><input type=\"checkbox\""
                + " class=\"flame-invert\"> root on top</label> <span class=\"flame-rootline\">showing: <code"
                + " class=\"flame-root\">all</code></span></div>");
        out.printf("<canvas class=\"flame-canvas\" height=\"%d\"></canvas>%n", (tree.depth() + 1) * ROW_PIXELS);
        out.println("<div class=\"flame-status\">&nbsp;</div>");
        StringBuilder json = new StringBuilder();
        write(tree, json);
        out.println("<script type=\"application/json\" class=\"flame-data\">" + json + "</script>");
        out.println("<noscript><p class=\"small\">The flame graph needs JavaScript.</p></noscript></div>");
    }

    boolean any() {
        return graphs > 0;
    }

    /** The names table and the script that draws every graph of the page. */
    void finish(PrintWriter out) {
        if (graphs == 0) {
            return;
        }
        StringBuilder b = new StringBuilder("[");
        for (String n : names.keySet()) {
            b.append(b.length() == 1 ? "" : ",").append(Html.jsonString(n));
        }
        out.println("<script type=\"application/json\" id=\"frame-names\">" + b + "]</script>");
        out.println("<script>" + Html.resource("flame.js") + "</script>");
    }

    private void write(Node n, StringBuilder json) {
        json.append('[').append(names.computeIfAbsent(n.name, k -> names.size())).append(',').append(n.nanos);
        for (Node c : n.children) {
            json.append(',');
            write(c, json);
        }
        json.append(']');
    }

    /** A node with its cleaned name; children of equal cleaned names merged, heaviest first. */
    private static final class Node {
        final String name;
        long nanos;
        final List<Node> children = new ArrayList<>();

        Node(String name) {
            this.name = name;
        }

        static Node cleaned(FlameNode f) {
            Node n = new Node(FrameNames.clean(f.name()));
            n.nanos = f.nanos();
            n.addChildren(f.children());
            return n;
        }

        private void addChildren(List<FlameNode> from) {
            Map<String, Node> byName = new HashMap<>();
            for (Node c : children) {
                byName.put(c.name, c);
            }
            for (FlameNode f : from) {
                Node c = byName.get(FrameNames.clean(f.name()));
                if (c == null) {
                    c = new Node(FrameNames.clean(f.name()));
                    byName.put(c.name, c);
                    children.add(c);
                }
                c.nanos += f.nanos();
                c.addChildren(f.children());
            }
            children.sort((a, b) -> Long.compare(b.nanos, a.nanos));
        }

        int depth() {
            int d = 0;
            for (Node c : children) {
                d = Math.max(d, c.depth() + 1);
            }
            return d;
        }
    }
}
