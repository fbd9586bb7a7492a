package dev.lockscope.analyzer.holders;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Frame and pause names by number, so the owners' events keep an int rather than a string each. Bounded: past
 * {@link #MAX_NAMES} distinct names, new ones share one "(other frames)" entry.
 */
final class Names {
    static final int MAX_NAMES = 65_536;
    static final String OTHER = "(other frames)";

    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    int id(String name) {
        Integer id = ids.get(name);
        if (id != null) {
            return id;
        }
        if (names.size() >= MAX_NAMES) {
            name = OTHER;
            id = ids.get(name);
            if (id != null) {
                return id;
            }
        }
        names.add(name);
        ids.put(name, names.size() - 1);
        return names.size() - 1;
    }

    String name(int id) {
        return names.get(id);
    }
}
