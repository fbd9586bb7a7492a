package dev.lockscope.analyzer.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Notes that each recording may bring (a truncated file, waits begun before it started, a disabled event type): said
 * for each file while there are few, and past {@link #SHOWN} files of one kind, said for the first ones and counted
 * for the rest, so a report of hundreds of files keeps its notes readable.
 */
public final class RepeatedNotes {
    /** Notes of one kind said in full; the rest are named in one line. */
    static final int SHOWN = 3;
    /** Files the line of the rest names before counting the others. */
    static final int NAMED = 5;

    private final Map<String, List<String[]>> byKind = new LinkedHashMap<>();

    /** A note of {@code kind} about {@code file}. */
    public void add(String kind, String file, String note) {
        byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(new String[] {file, note});
    }

    /** The notes, in the order their kinds first came. */
    public List<String> notes() {
        List<String> out = new ArrayList<>();
        byKind.forEach((kind, notes) -> {
            int full = notes.size() <= SHOWN + 1 ? notes.size() : SHOWN;
            for (int i = 0; i < full; i++) {
                out.add(notes.get(i)[1]);
            }
            if (full < notes.size()) {
                List<String> names = new ArrayList<>();
                for (int i = full; i < Math.min(notes.size(), full + NAMED); i++) {
                    names.add(notes.get(i)[0]);
                }
                int rest = notes.size() - full - names.size();
                out.add("the same (" + kind + ") for " + (notes.size() - full) + " more recordings: "
                        + String.join(", ", names) + (rest > 0 ? " and " + rest + " more" : ""));
            }
        });
        return out;
    }
}
