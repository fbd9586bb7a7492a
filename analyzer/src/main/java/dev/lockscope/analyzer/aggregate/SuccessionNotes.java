package dev.lockscope.analyzer.aggregate;

import dev.lockscope.analyzer.read.RecordingVisitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;

/**
 * The report's word on rows {@link MovedLockMerger} merged by succession: a recording without GC events gives no
 * collection to tie a lock's new address to, so what was merged, and why, is said once per JVM.
 */
final class SuccessionNotes {
    private SuccessionNotes() {
    }

    /**
     * @param merged          the merger's rows
     * @param withoutGcEvents JVMs whose recordings could not have GC events
     * @param recordings      the files, by file index
     * @param jvmOf           file index to JVM id
     */
    static List<String> of(List<LockStats> merged, Set<Integer> withoutGcEvents, List<RecordingFacts> recordings,
                           IntUnaryOperator jvmOf) {
        TreeMap<Integer, int[]> byJvm = new TreeMap<>(); // {rows merged, into rows}
        for (LockStats s : merged) {
            if (MovedLockMerger.BY_SUCCESSION.equals(s.addressesMergedBy())) {
                int[] n = byJvm.computeIfAbsent(s.key().jvm(), k -> new int[2]);
                n[0] += s.addresses();
                n[1]++;
            }
        }
        List<String> notes = new ArrayList<>();
        byJvm.forEach((jvm, n) -> {
            if (!withoutGcEvents.contains(jvm)) {
                return;
            }
            List<String> files = new ArrayList<>();
            String why = "not in the recording (async-profiler writes none)";
            for (int i = 0; i < recordings.size(); i++) {
                if (jvmOf.applyAsInt(i) == jvm) {
                    RecordingFacts f = recordings.get(i);
                    files.add(f.layout().path().getFileName().toString());
                    if ("false".equals(f.setting(RecordingVisitor.GARBAGE_COLLECTION, "enabled"))) {
                        why = "disabled in the recording";
                    }
                }
            }
            notes.add(String.join(", ", files) + ": " + n[0] + " lock rows were merged into " + n[1] + ": rows of one "
                    + "class and waiting site whose waits came one after another, each at a new address, taken as one "
                    + "lock the GC moved; garbage collection events (" + RecordingVisitor.GARBAGE_COLLECTION + ") are "
                    + why + ", so no recorded collection confirms each move (rows whose waits overlapped in time stay "
                    + "apart)");
        });
        return notes;
    }
}
