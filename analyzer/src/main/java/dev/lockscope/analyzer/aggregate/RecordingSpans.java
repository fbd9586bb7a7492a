package dev.lockscope.analyzer.aggregate;

import dev.lockscope.analyzer.read.ChunkLayout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The recordings of one JVM that follow one another in time (its rotated files, the parts of one large recording)
 * form one span: what one of them leaves unsaid (a wait's start, a setting written only at the recording's start) its
 * predecessor in the span says. A recording that does not {@link ChunkLayout#follows follow} the span in time (a gap,
 * or one overlapping it: another recording of the JVM made at the same time) starts a span of its own, as do
 * different JVMs'.
 */
final class RecordingSpans {

    /** What spans need of the recordings read. */
    interface Recordings {
        int count();

        /** The JVM of recording {@code file}: the number of its first recording. */
        int jvmOf(int file);

        long startNanos(int file);

        long endNanos(int file);
    }

    private final int[] first;
    private final int[] previous;
    private final List<Integer> inOrder;

    RecordingSpans(Recordings r) {
        int n = r.count();
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingInt(r::jvmOf).thenComparingLong(r::startNanos));
        inOrder = List.copyOf(order);
        first = new int[n];
        previous = new int[n];
        int spanFirst = -1;
        int last = -1;
        long spanEnd = Long.MIN_VALUE;
        for (int i : order) {
            boolean follows = last >= 0 && r.jvmOf(i) == r.jvmOf(last) && ChunkLayout.follows(spanEnd, r.startNanos(i));
            if (!follows) {
                spanFirst = i;
                spanEnd = Long.MIN_VALUE;
            }
            first[i] = spanFirst;
            previous[i] = follows ? last : -1;
            spanEnd = Math.max(spanEnd, r.endNanos(i));
            last = i;
        }
    }

    /** The recordings by JVM and start time: a recording's predecessor in its span comes before it. */
    List<Integer> inOrder() {
        return inOrder;
    }

    /** The first recording of {@code file}'s span (itself when it starts one). */
    int first(int file) {
        return first[file];
    }

    /** The recording right before {@code file} in its span, or -1. */
    int previous(int file) {
        return previous[file];
    }
}
