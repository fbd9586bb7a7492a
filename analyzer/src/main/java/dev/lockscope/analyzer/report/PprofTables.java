package dev.lockscope.analyzer.report;

import com.google.perftools.profiles.ProfileProto.Function;
import com.google.perftools.profiles.ProfileProto.Line;
import com.google.perftools.profiles.ProfileProto.Location;
import com.google.perftools.profiles.ProfileProto.Mapping;
import com.google.perftools.profiles.ProfileProto.Profile;
import dev.lockscope.analyzer.model.Frame;
import java.util.HashMap;
import java.util.Map;

/**
 * The tables a pprof profile's samples point into: strings, functions and locations, each entry added once. A Java
 * frame is a location with one line of its method; a note in place of a frame (no stack trace, a cut stack) is a
 * location of a function by that name.
 */
final class PprofTables {
    private final Profile.Builder profile;
    private final Map<String, Long> strings = new HashMap<>();
    private final Map<String, Long> functions = new HashMap<>();
    private final Map<Object, Long> locations = new HashMap<>();

    /** The one mapping every location belongs to: the JVM, whose frames come symbolized (nothing to look up). */
    private static final long JVM_MAPPING = 1;

    PprofTables(Profile.Builder profile) {
        this.profile = profile;
        string(""); // string_table[0] must be ""
        profile.addMapping(Mapping.newBuilder().setId(JVM_MAPPING).setFilename(string("jvm"))
                .setHasFunctions(true).setHasLineNumbers(true));
    }

    long string(String s) {
        Long i = strings.get(s);
        if (i == null) {
            i = (long) strings.size();
            strings.put(s, i);
            profile.addStringTable(s);
        }
        return i;
    }

    /** A Java frame: its method ({@code pkg.Class.method}) at its line (0 when the recording has none). */
    long location(Frame frame) {
        Long id = locations.get(frame);
        if (id == null) {
            id = add(frame, function(frame.className() + "." + frame.method()), Math.max(0, frame.line()));
        }
        return id;
    }

    /** A location that stands for something other than a Java frame, named by {@code note}. */
    long noteLocation(String note) {
        String key = "note:" + note;
        Long id = locations.get(key);
        if (id == null) {
            id = add(key, function(note), 0);
        }
        return id;
    }

    private long add(Object key, long functionId, long line) {
        long id = locations.size() + 1L;
        profile.addLocation(Location.newBuilder().setId(id).setMappingId(JVM_MAPPING)
                .addLine(Line.newBuilder().setFunctionId(functionId).setLine(line)));
        locations.put(key, id);
        return id;
    }

    private long function(String name) {
        Long id = functions.get(name);
        if (id == null) {
            id = functions.size() + 1L;
            long n = string(name);
            profile.addFunction(Function.newBuilder().setId(id).setName(n).setSystemName(n));
            functions.put(name, id);
        }
        return id;
    }
}
