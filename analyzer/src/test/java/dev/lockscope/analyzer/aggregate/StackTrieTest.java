package dev.lockscope.analyzer.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.analyzer.model.Frame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The waiting-stack tree: stacks merged root-first with their waits and wait time, merged trees adding up exactly,
 * and the node bound cutting stacks where they stop fitting without losing a wait from any total.
 */
class StackTrieTest {
    private static List<Frame> stack(String... topFirst) {
        List<Frame> out = new ArrayList<>();
        for (String m : topFirst) {
            out.add(new Frame("app.C", m, 1));
        }
        return out;
    }

    @Test
    void sharedFramesAreOneNodeWithTheWaitsThroughIt() {
        StackTrie t = new StackTrie();
        t.add(stack("lock", "a", "main"), 10);
        t.add(stack("lock", "b", "main"), 30);
        t.add(stack("main"), 5);
        StackTrie.Node main = t.root().children().get(0);
        assertThat(t.root().count()).isEqualTo(3);
        assertThat(t.root().weightNanos()).isEqualTo(45);
        assertThat(main.name()).isEqualTo("app.C.main:1");
        assertThat(main.count()).isEqualTo(3);
        assertThat(main.children()).extracting(StackTrie.Node::name).containsExactly("app.C.b:1", "app.C.a:1");
        assertThat(main.children().get(0).children().get(0).weightNanos()).isEqualTo(30);
        assertThat(t.nodes()).as("root, main, a, b and a lock under each").isEqualTo(6);
    }

    @Test
    void mergedTreesAddUpAsOneTreeFedBothStreams() {
        StackTrie a = new StackTrie();
        StackTrie b = new StackTrie();
        StackTrie both = new StackTrie();
        for (int i = 0; i < 50; i++) {
            List<Frame> s = stack("lock", "m" + (i % 7), "run" + (i % 3));
            (i % 2 == 0 ? a : b).add(s, i);
            both.add(s, i);
        }
        a.addAll(b);
        assertThat(a.nodes()).isEqualTo(both.nodes());
        assertThat(render(a.root())).isEqualTo(render(both.root()));
    }

    @Test
    void aFullTreeCutsNewStacksAndAMergeCutsWhatDoesNotFitKeepingEveryTotal() {
        StackTrie full = new StackTrie();
        int i = 0;
        while (full.nodes() < StackTrie.MAX_NODES) {
            full.add(stack("leaf" + i, "mid" + i), 1);
            i++;
        }
        full.add(stack("leaf", "new"), 7);
        assertThat(full.root().cutCount()).isEqualTo(1);
        assertThat(full.root().cutNanos()).isEqualTo(7);

        StackTrie other = new StackTrie();
        other.add(stack("x", "y", "z"), 100);
        other.add(stack("x2", "y2"), 50);
        long before = full.root().weightNanos();
        full.addAll(other);
        assertThat(full.nodes()).isEqualTo(StackTrie.MAX_NODES);
        assertThat(full.root().weightNanos()).isEqualTo(before + 150);
        assertThat(full.root().cutCount()).isEqualTo(3);
        assertThat(full.root().cutNanos()).isEqualTo(157);
    }

    @Test
    void collapsedKeepsTheTotalsAsCutAtTheRoot() {
        StackTrie t = new StackTrie();
        t.add(stack("lock", "a"), 10);
        t.add(stack("lock", "b"), 20);
        StackTrie c = t.collapsed();
        assertThat(c.nodes()).isEqualTo(1);
        assertThat(c.root().count()).isEqualTo(2);
        assertThat(c.root().weightNanos()).isEqualTo(30);
        assertThat(c.root().cutCount()).isEqualTo(2);
        assertThat(c.root().cutNanos()).isEqualTo(30);
    }

    private static String render(StackTrie.Node n) {
        StringBuilder sb = new StringBuilder(n.name() + "=" + n.count() + "/" + n.weightNanos() + "/" + n.cutCount() + "(");
        List<StackTrie.Node> children = new ArrayList<>(n.children());
        children.sort((x, y) -> x.name().compareTo(y.name()));
        for (StackTrie.Node c : children) {
            sb.append(render(c));
        }
        return sb.append(')').toString();
    }
}
