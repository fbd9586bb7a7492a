package dev.lockscope.analyzer.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A profile as {@code go tool pprof -raw} prints it: sample types, samples with their labels, locations. */
record PprofRaw(List<String> types, List<Sample> samples, Map<Long, String> locations, List<String> comments) {
    private static final Pattern SAMPLE = Pattern.compile("^\\s+(-?\\d+(?:\\s+-?\\d+)*):\\s*([\\d ]*)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+):\\[(.*?)\\](?=\\s+\\w+:\\[|\\s*$)");
    private static final Pattern LOCATION = Pattern.compile("^\\s+(\\d+): 0x\\w+ M=\\d+ (.*?) :(\\d+) s=\\d+$");

    /** One sample: its values in {@link #types} order, location ids leaf first, labels (a key may repeat). */
    record Sample(List<Long> values, List<Long> locationIds, Map<String, List<String>> labels) {
        String label(String key) {
            List<String> v = labels.get(key);
            return v == null ? null : v.get(0);
        }
    }

    static PprofRaw parse(String raw) {
        List<String> types = new ArrayList<>();
        List<Sample> samples = new ArrayList<>();
        Map<Long, String> locations = new HashMap<>();
        List<String> comments = new ArrayList<>();
        String section = "";
        for (String line : raw.split("\n")) {
            if (line.startsWith("Comment: ")) {
                comments.add(line.substring("Comment: ".length()));
            } else if (line.equals("Samples:") || line.equals("Locations") || line.equals("Mappings")) {
                section = line;
            } else if (section.equals("Samples:") && types.isEmpty()) {
                for (String t : line.trim().split("\\s+")) {
                    types.add(t.replace("[dflt]", "").split("/")[0]);
                }
            } else if (section.equals("Samples:")) {
                Matcher s = SAMPLE.matcher(line);
                if (s.matches()) {
                    List<Long> values = new ArrayList<>();
                    for (String v : s.group(1).trim().split("\\s+")) {
                        values.add(Long.parseLong(v));
                    }
                    List<Long> ids = new ArrayList<>();
                    for (String id : s.group(2).trim().split("\\s+")) {
                        if (!id.isEmpty()) {
                            ids.add(Long.parseLong(id));
                        }
                    }
                    samples.add(new Sample(values, ids, new LinkedHashMap<>()));
                } else if (!samples.isEmpty()) {
                    Matcher l = LABEL.matcher(line.trim());
                    while (l.find()) {
                        samples.get(samples.size() - 1).labels().computeIfAbsent(l.group(1), k -> new ArrayList<>())
                                .add(l.group(2));
                    }
                }
            } else if (section.equals("Locations")) {
                Matcher l = LOCATION.matcher(line);
                if (l.matches()) {
                    locations.put(Long.parseLong(l.group(1)), l.group(2));
                }
            }
        }
        return new PprofRaw(types, samples, locations, comments);
    }

    /** The sum of one sample type over the samples whose {@code key} label is {@code value} (null: all). */
    long total(String type, String key, String value) {
        int i = types.indexOf(type);
        if (i < 0) {
            throw new AssertionError("no sample type " + type + " in " + types);
        }
        return samples.stream().filter(s -> key == null || value.equals(s.label(key)))
                .mapToLong(s -> s.values().get(i)).sum();
    }

    /** A sample's frames, leaf first, by name. */
    List<String> frames(Sample s) {
        return s.locationIds().stream().map(locations::get).toList();
    }
}
