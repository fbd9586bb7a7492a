package dev.lockscope.analyzer.holders;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The interval storage pauses and wait windows share: growth, values per row, merging and lookup. */
class IntervalTableTest {

    @Test
    void keepsEachRowsValuesPastGrowth() {
        IntervalTable t = new IntervalTable(2);
        for (int i = 0; i < 100; i++) {
            int row = t.add(i * 10L, i * 10L + 5);
            t.set(row, 0, i);
            t.set(row, 1, -i);
        }
        assertThat(t.size()).isEqualTo(100);
        assertThat(t.start(57)).isEqualTo(570);
        assertThat(t.end(57)).isEqualTo(575);
        assertThat(t.value(57, 0)).isEqualTo(57);
        assertThat(t.value(57, 1)).isEqualTo(-57);
    }

    @Test
    void mergesOverlapsKeepingTheOpenersValues() {
        IntervalTable t = new IntervalTable(1);
        row(t, 50, 60, 3);
        row(t, 10, 20, 1);
        row(t, 15, 30, 2); // overlaps [10, 20): merged into it
        row(t, 30, 35, 4); // touches [10, 30) at its end: merged too
        IntervalTable other = new IntervalTable(1);
        row(other, 55, 70, 5);
        t.addAll(other);
        t.sortAndMerge();
        assertThat(t.size()).isEqualTo(2);
        assertThat(new long[] {t.start(0), t.end(0), t.value(0, 0)}).containsExactly(10, 35, 1);
        assertThat(new long[] {t.start(1), t.end(1), t.value(1, 0)}).containsExactly(50, 70, 3);
        assertThat(t.firstEndingAfter(0)).isZero();
        assertThat(t.firstEndingAfter(35)).isEqualTo(1);
        assertThat(t.firstEndingAfter(69)).isEqualTo(1);
        assertThat(t.firstEndingAfter(70)).isEqualTo(2);
    }

    @Test
    void pausesAndWindowsReadBackWhatTheyWereGiven() {
        Pauses p = new Pauses();
        p.add(100, 200, 7, (byte) 9);
        p.add(150, 250, 8, (byte) 10);
        p.seal();
        assertThat(p.size()).isEqualTo(1);
        assertThat(p.end(0)).isEqualTo(250);
        assertThat(p.name(0)).isEqualTo(7);
        assertThat(p.type(0)).isEqualTo((byte) 9);
        WaitWindows w = new WaitWindows();
        w.add(1, 2, 3_000_000_000L, 4_000_000_000L, 5);
        assertThat(new long[] {w.start(0), w.end(0), w.waiter(0), w.owner(0), w.group(0)})
                .containsExactly(1, 2, 3_000_000_000L, 4_000_000_000L, 5);
    }

    private static void row(IntervalTable t, long start, long end, long value) {
        t.set(t.add(start, end), 0, value);
    }
}
