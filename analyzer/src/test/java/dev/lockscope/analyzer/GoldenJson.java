package dev.lockscope.analyzer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A JSON report made comparable with a committed golden copy: the fields that differ between machines and builds
 * without the report changing are rewritten, and two reports are compared token by token, the first difference
 * named by its JSON pointer.
 */
final class GoldenJson {
    /** What the analyzer's version ({@code tool}) is replaced with: it changes with every release, not with the report. */
    static final String VERSION_IGNORED = "lockscope (version ignored)";
    private static final JsonFactory JSON = new JsonFactory();

    private GoldenJson() {
    }

    /**
     * {@code json} with {@code /tool} replaced by {@link #VERSION_IGNORED} and each {@code /recordings/N/file} by the
     * file's name (where the checkout lives is no part of the report), pretty-printed as the renderer prints.
     */
    static String normalize(String json) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonParser p = JSON.createParser(json); JsonGenerator g = JSON.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                String at = p.getParsingContext().pathAsPointer().toString();
                if (t == JsonToken.VALUE_STRING && at.equals("/tool")) {
                    g.writeString(VERSION_IGNORED);
                } else if (t == JsonToken.VALUE_STRING && at.matches("/recordings/\\d+/file")) {
                    g.writeString(Path.of(p.getText()).getFileName().toString());
                } else {
                    g.copyCurrentEvent(p);
                }
            }
        }
        return out.toString() + "\n";
    }

    /**
     * Null when {@code expected} and {@code actual} hold the same tokens in the same order, else where they first
     * differ: the JSON pointer of the place, and what each has there.
     */
    static String firstDifference(String expected, String actual) throws IOException {
        try (JsonParser e = JSON.createParser(expected); JsonParser a = JSON.createParser(actual)) {
            while (true) {
                JsonToken te = e.nextToken();
                JsonToken ta = a.nextToken();
                if (te == null && ta == null) {
                    return null;
                }
                if (te != ta || !Objects.equals(text(e, te), text(a, ta))) {
                    String where = (te != null ? e : a).getParsingContext().pathAsPointer().toString();
                    return (where.isEmpty() ? "/" : where) + ": expected " + describe(e, te) + ", got " + describe(a, ta);
                }
            }
        }
    }

    private static String text(JsonParser p, JsonToken t) throws IOException {
        return t == null || t.isStructStart() || t.isStructEnd() ? null : p.getText();
    }

    private static String describe(JsonParser p, JsonToken t) throws IOException {
        if (t == null) {
            return "the end";
        }
        switch (t) {
            case START_OBJECT:
                return "an object";
            case END_OBJECT:
                return "the object's end";
            case START_ARRAY:
                return "an array";
            case END_ARRAY:
                return "the array's end";
            case FIELD_NAME:
                return "field \"" + p.getText() + "\"";
            case VALUE_STRING:
                return "\"" + p.getText() + "\"";
            default:
                return p.getText();
        }
    }
}
