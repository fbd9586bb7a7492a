package dev.lockscope.analyzer.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.analyzer.aggregate.StackTrie;
import dev.lockscope.analyzer.model.Frame;
import dev.lockscope.analyzer.report.Report.FlameNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stacks the pprof and collapsed formats write: every wait in exactly one of them, also when the lock's stack
 * tree is full and stacks are cut, and after trees are merged.
 */
class WaitingStacksTest {

    /** Stack i: Thread.run, then Worker.step:i, then App.lock:i (top frame first, as JFR gives it). */
    private static List<Frame> stack(int i) {
        return List.of(new Frame("com.example.App", "lock", i), new Frame("com.example.Worker", "step", i),
                new Frame("java.lang.Thread", "run", 1));
    }

    private static List<WaitingStacks.Stack> stacks(StackTrie t) {
        List<WaitingStacks.Stack> l = new ArrayList<>();
        WaitingStacks.forEach(ReportBuilder.flame(t.root()), l::add);
        return l;
    }

    @Test
    void aFullTreeCutsStacksButKeepsEveryWait() {
        StackTrie t = new StackTrie();
        int n = StackTrie.MAX_NODES; // needs 2 nodes a stack past the shared root frame: half of them fit
        long total = 0;
        for (int i = 1; i <= n; i++) {
            t.add(stack(i), i);
            total += i;
        }
        List<WaitingStacks.Stack> stacks = stacks(t);
        assertThat(stacks.stream().mapToLong(WaitingStacks.Stack::count).sum()).isEqualTo(n);
        assertThat(stacks.stream().mapToLong(WaitingStacks.Stack::nanos).sum()).isEqualTo(total);
        List<WaitingStacks.Stack> whole = stacks.stream().filter(s -> !s.cut()).toList();
        List<WaitingStacks.Stack> cut = stacks.stream().filter(WaitingStacks.Stack::cut).toList();
        assertThat(whole).isNotEmpty().allSatisfy(s -> {
            assertThat(s.rootFirst()).hasSize(3);
            assertThat(s.count()).isEqualTo(1);
            assertThat(s.nanos()).isEqualTo(s.rootFirst().get(2).frame().line());
        });
        // Stacks that came after the tree filled up end, cut, at the frame all stacks share.
        assertThat(cut).singleElement().satisfies(s -> {
            assertThat(s.rootFirst()).extracting(FlameNode::name).containsExactly("java.lang.Thread.run:1");
            assertThat(s.count()).isEqualTo(n - whole.size());
        });
        assertThat(whole.size() * 2 + 2).as("nodes kept").isLessThanOrEqualTo(StackTrie.MAX_NODES);
    }

    @Test
    void mergingFullTreesCountsWhatDidNotFitAsCut() {
        StackTrie a = new StackTrie();
        StackTrie b = new StackTrie();
        for (int i = 1; i <= 1500; i++) {
            a.add(stack(i), 10);
            b.add(stack(10_000 + i), 20);
        }
        b.add(List.of(), 7); // a wait without a stack trace
        a.addAll(b);
        List<WaitingStacks.Stack> stacks = stacks(a);
        assertThat(stacks.stream().mapToLong(WaitingStacks.Stack::count).sum()).isEqualTo(3001);
        assertThat(stacks.stream().mapToLong(WaitingStacks.Stack::nanos).sum()).isEqualTo(1500 * 10 + 1500 * 20 + 7);
        assertThat(stacks).filteredOn(s -> s.rootFirst().isEmpty() && !s.cut())
                .singleElement().satisfies(s -> assertThat(s.nanos()).isEqualTo(7));
        assertThat(stacks).filteredOn(WaitingStacks.Stack::cut).isNotEmpty()
                .allSatisfy(s -> assertThat(s.nanos()).isEqualTo(s.count() * 20));
    }

    @Test
    void theDisplayedFlameGraphIsPrunedTheWholeTreeIsNot() {
        StackTrie t = new StackTrie();
        t.add(stack(1), 1_000_000);
        t.add(stack(2), 1); // under 0.2% of the lock's wait
        FlameNode whole = ReportBuilder.flame(t.root());
        List<WaitingStacks.Stack> stacks = new ArrayList<>();
        WaitingStacks.forEach(whole, stacks::add);
        assertThat(stacks).hasSize(2);
        List<WaitingStacks.Stack> shown = new ArrayList<>();
        WaitingStacks.forEach(whole.forDisplay(), shown::add);
        // The pruned frame's wait ends at its parent in the display: the display is not for export.
        assertThat(shown).hasSize(2).anySatisfy(s -> assertThat(s.rootFirst()).hasSize(1));
    }
}
