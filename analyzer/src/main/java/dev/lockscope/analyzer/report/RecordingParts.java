package dev.lockscope.analyzer.report;

import dev.lockscope.analyzer.aggregate.RecordingFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * A large recording is read in parts (consecutive chunks of one file, each following the last in time); the report
 * names recordings, so it shows each as one: its parts' indices among the recordings read, in order.
 */
final class RecordingParts {
    private RecordingParts() {
    }

    static List<List<Integer>> of(List<RecordingFacts> read) {
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < read.size(); i++) {
            boolean continues = i > 0 && read.get(i - 1).layout().continuedBy(read.get(i).layout());
            if (!continues) {
                out.add(new ArrayList<>());
            }
            out.get(out.size() - 1).add(i);
        }
        return out;
    }
}
