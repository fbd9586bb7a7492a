package dev.lockscope.agent;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Agent options: {@code -javaagent:lockscope-agent.jar=key=value,key=value}. The table in agent/README.md is
 * the documentation; {@link #DEFAULTS} is its source. Unknown keys are an error (one line, agent not started).
 */
public final class AgentOptions {
    static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("enabled", "true");
        DEFAULTS.put("record", "");
        DEFAULTS.put("duration", "");
        DEFAULTS.put("sites", "true");
        DEFAULTS.put("siteBudget", dev.lockscope.agent.registry.SiteBudgets.DEFAULT);
        DEFAULTS.put("monitors", "true");
        DEFAULTS.put("monitorThreshold", "1ms");
        DEFAULTS.put("monitorSites", "true");
        DEFAULTS.put("sampleRate", "100");
        DEFAULTS.put("holdSpanEvery", "10ms");
        DEFAULTS.put("maxLocks", "4096");
        DEFAULTS.put("summaryTop", "50");
        DEFAULTS.put("metricsTopSites", "10");
        DEFAULTS.put("metricsPort", "0");
        DEFAULTS.put("appMeters", "true");
        DEFAULTS.put("probe", "auto");
        DEFAULTS.put("futexDuty", "");
        DEFAULTS.put("jmx", "true");
        DEFAULTS.put("log", "stderr");
        DEFAULTS.put("adapt", "");
        DEFAULTS.put("backgroundStart", "quiet");
        DEFAULTS.put("stop", "false");
    }

    private final Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
    private final String text;

    private AgentOptions(String text) {
        this.text = text == null ? "" : text;
    }

    public static AgentOptions parse(String args) {
        AgentOptions o = new AgentOptions(args);
        if (args == null || args.isBlank()) {
            return o;
        }
        String last = null;
        for (String part : args.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            // adapt=SITE,SITE...: a site (never a known key, never with '=') continues the adapt list.
            if ("adapt".equals(last) && eq < 0 && !DEFAULTS.containsKey(part.trim())) {
                o.values.put("adapt", o.values.get("adapt") + "," + part.trim());
                continue;
            }
            String key = (eq < 0 ? part : part.substring(0, eq)).trim();
            String value = eq < 0 ? "true" : part.substring(eq + 1).trim();
            if (!DEFAULTS.containsKey(key)) {
                throw new IllegalArgumentException("unknown agent option '" + key + "' (known: " + String.join(", ", DEFAULTS.keySet()) + ")");
            }
            o.values.put(key, value);
            last = key;
        }
        // Validate eagerly so a typo fails at start, not later.
        o.duration("monitorThreshold");
        o.integer("sampleRate");
        Duration spanEvery = o.duration("holdSpanEvery");
        if (spanEvery.isNegative() || spanEvery.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("agent option holdSpanEvery must be between 0 and 1h, not '" + o.string("holdSpanEvery") + "'");
        }
        o.integer("maxLocks");
        o.integer("summaryTop");
        o.integer("metricsTopSites");
        o.integer("metricsPort");
        o.bool("monitorSites");
        if (!o.string("futexDuty").isEmpty() && !o.string("futexDuty").matches("\\d+/\\d+")) {
            throw new IllegalArgumentException("agent option futexDuty must be WINDOW_MS/PERIOD_MS, not '" + o.string("futexDuty") + "'");
        }
        dev.lockscope.agent.adapt.AdaptSites.parse(o.string("adapt"));
        dev.lockscope.agent.registry.SiteBudgets.parse(o.string("siteBudget"));
        if (!o.string("duration").isEmpty()) {
            o.duration("duration");
        }
        return o;
    }

    /** Whether {@code key} was given explicitly. */
    public boolean given(String key) {
        return !values.get(key).equals(DEFAULTS.get(key));
    }

    public String string(String key) {
        return values.get(key);
    }

    public boolean bool(String key) {
        String v = values.get(key);
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("on")) {
            return true;
        }
        if (v.equalsIgnoreCase("false") || v.equalsIgnoreCase("off")) {
            return false;
        }
        throw new IllegalArgumentException("agent option " + key + " must be true or false, not '" + v + "'");
    }

    public int integer(String key) {
        try {
            int v = Integer.parseInt(values.get(key));
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("agent option " + key + " must be a non-negative integer, not '" + values.get(key) + "'");
        }
    }

    public Duration duration(String key) {
        String v = values.get(key).trim().toLowerCase();
        try {
            if (v.endsWith("us")) {
                return Duration.ofNanos(Long.parseLong(v.substring(0, v.length() - 2)) * 1000);
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("ns")) {
                return Duration.ofNanos(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
            }
            if (v.endsWith("h")) {
                return Duration.ofSeconds(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 3600));
            }
            if (v.endsWith("m")) {
                return Duration.ofSeconds(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 60));
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("agent option " + key + " must be a duration like 500us, 20ms, 30s, 2m, 1h, not '" + values.get(key) + "'");
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
