package dev.lockscope.analyzer.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Text into HTML: escaped prose, code names that wrap between their parts, and the page's inline resources. */
public final class Html {
    private Html() {
    }

    /** Escapes the five characters HTML gives a meaning. */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * A class, frame or site name, cleaned ({@link FrameNames}) and escaped, with a line-break opportunity after
     * each '.', '$' and '/': a long qualified name wraps between its parts, never inside a word.
     */
    public static String name(String raw) {
        return breakable(FrameNames.clean(raw));
    }

    /** Escaped, with break opportunities between name parts, but not cleaned (e.g. a lock's identity). */
    public static String breakable(String s) {
        String e = esc(s);
        StringBuilder b = new StringBuilder(e.length() + 16);
        for (int i = 0; i < e.length(); i++) {
            char c = e.charAt(i);
            b.append(c);
            if ((c == '.' || c == '$' || c == '/') && i + 1 < e.length() && e.charAt(i + 1) != '$') {
                b.append("<wbr>");
            }
        }
        return b.toString();
    }

    /** Prose that may quote code between backticks: escaped, each quote set as {@code <code>}. */
    public static String prose(String s) {
        String e = esc(s);
        StringBuilder b = new StringBuilder(e.length() + 16);
        int from = 0;
        while (true) {
            int open = e.indexOf('`', from);
            int close = open < 0 ? -1 : e.indexOf('`', open + 1);
            if (close < 0) {
                b.append(e, from, e.length());
                return b.toString();
            }
            b.append(e, from, open).append("<code>").append(e, open + 1, close).append("</code>");
            from = close + 1;
        }
    }

    /** A text resource of this package, to inline in a page (the pages fetch nothing). */
    public static String resource(String name) {
        try (InputStream in = Html.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A string as a JSON literal that is safe inside a {@code <script>} element (no '<', '>' or '&'). */
    public static String jsonString(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
