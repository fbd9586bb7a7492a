package dev.lockscope.analyzer.cli;

import java.util.ArrayList;
import java.util.List;

/** Keeps terminal output inside {@link LockscopeCli#HELP_WIDTH} columns, wrapping at spaces under a hanging indent. */
final class Columns {
    private Columns() {
    }

    /** {@code line} in lines of at most {@code width} columns, the continuations indented by {@code indent}. */
    static List<String> wrap(String line, int width, int indent) {
        List<String> out = new ArrayList<>();
        String pad = " ".repeat(indent);
        String rest = line;
        String prefix = "";
        while (prefix.length() + rest.length() > width) {
            int room = width - prefix.length();
            int cut = rest.lastIndexOf(' ', room);
            if (cut <= 0) {
                // One word longer than the room: cut it, never overflow.
                cut = room;
            }
            out.add(prefix + rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).stripLeading();
            prefix = pad;
        }
        out.add(prefix + rest);
        return out;
    }
}
