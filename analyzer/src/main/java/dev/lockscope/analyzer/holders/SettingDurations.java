package dev.lockscope.analyzer.holders;

import java.util.Locale;

/** JFR's duration settings as recordings write them ("20 ms", "10 s", "0 ns") in nanoseconds. */
public final class SettingDurations {
    private SettingDurations() {
    }

    /** The setting in nanoseconds, or -1 when it is missing or not a duration ("everyChunk", "off"). */
    public static long nanos(String setting) {
        if (setting == null) {
            return -1;
        }
        String s = setting.trim().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        if (i == 0) {
            return -1;
        }
        double v;
        try {
            v = Double.parseDouble(s.substring(0, i));
        } catch (NumberFormatException e) {
            return -1;
        }
        switch (s.substring(i).trim()) {
            case "ns":
                return Math.round(v);
            case "us":
                return Math.round(v * 1e3);
            case "ms":
                return Math.round(v * 1e6);
            case "s":
                return Math.round(v * 1e9);
            case "m":
            case "min":
                return Math.round(v * 60e9);
            case "h":
                return Math.round(v * 3600e9);
            case "d":
                return Math.round(v * 86400e9);
            default:
                return -1;
        }
    }
}
