package dev.lockscope.probe;

import java.util.List;

/** Renders the capability table as aligned text or as JSON (no library: the module depends on JNA only). */
public final class ProbeReport {
    private final List<Capability> capabilities;

    ProbeReport(List<Capability> capabilities) {
        this.capabilities = List.copyOf(capabilities);
    }

    public List<Capability> capabilities() {
        return capabilities;
    }

    /** One line per capability: name, yes/no, source and provenance, then details or the reason it is missing. */
    public String text() {
        int w = 0;
        for (Capability c : capabilities) {
            w = Math.max(w, c.name().length());
        }
        StringBuilder sb = new StringBuilder("lockscope native probe: ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append(' ').append(System.getProperty("os.arch")).append(", user ").append(System.getProperty("user.name")).append('\n');
        for (Capability c : capabilities) {
            sb.append(String.format("%-" + w + "s  %-3s  ", c.name(), c.available() ? "yes" : "no"));
            if (c.available()) {
                sb.append(c.source()).append(" (").append(c.provenance().label()).append("): ").append(c.detail());
            } else {
                sb.append("missing: ").append(c.reason());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** {"capabilities":[{"name":..,"available":..,"source":..,"provenance":..,"detail":..,"reason":..}]} */
    public String json() {
        StringBuilder sb = new StringBuilder("{\"os\":").append(str(System.getProperty("os.name") + " " + System.getProperty("os.version")))
                .append(",\"arch\":").append(str(System.getProperty("os.arch")))
                .append(",\"user\":").append(str(System.getProperty("user.name")))
                .append(",\"capabilities\":[");
        for (int i = 0; i < capabilities.size(); i++) {
            Capability c = capabilities.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"name\":").append(str(c.name()))
                    .append(",\"available\":").append(c.available())
                    .append(",\"source\":").append(str(c.source()))
                    .append(",\"provenance\":").append(str(c.provenance().label()))
                    .append(",\"detail\":").append(str(c.available() ? c.detail() : ""))
                    .append(",\"reason\":").append(str(c.reason())).append('}');
        }
        return sb.append("]}").toString();
    }

    static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
            }
        }
        return sb.append('"').toString();
    }
}
