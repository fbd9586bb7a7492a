package dev.lockscope.analyzer.html;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** One tab: navigation, script evaluation, real mouse and keyboard input, screenshots, and what it logged. */
final class Page {
    private final HeadlessChromium browser;
    private final String session;

    Page(HeadlessChromium browser, String session) {
        this.browser = browser;
        this.session = session;
    }

    void viewport(int width, int height) throws Exception {
        browser.call(session, "Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", false));
    }

    /** Opens a file and waits for its load event (scripts have run by then). */
    void open(Path file) throws Exception {
        int before = browser.events(session).size();
        browser.call(session, "Page.navigate", Map.of("url", file.toUri().toString()));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (browser.events(session).stream().skip(before)
                .noneMatch(e -> "Page.loadEventFired".equals(e.get("method")))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no load event for " + file);
            }
            Thread.sleep(20);
        }
    }

    /** The value of a script expression (JSON-able values: strings, numbers, booleans, arrays, objects). */
    Object eval(String expression) throws Exception {
        Map<String, Object> r = browser.call(session, "Runtime.evaluate", Map.of("expression", expression,
                "returnByValue", true, "awaitPromise", true));
        if (r.get("exceptionDetails") != null) {
            throw new IllegalStateException("script failed: " + Json.write(r.get("exceptionDetails")));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> value = (Map<String, Object>) r.get("result");
        return value.get("value");
    }

    String evalString(String expression) throws Exception {
        return String.valueOf(eval(expression));
    }

    double evalNumber(String expression) throws Exception {
        return ((Number) eval(expression)).doubleValue();
    }

    /** Moves the mouse to a point of the viewport, in CSS pixels. */
    void hover(double x, double y) throws Exception {
        mouse("mouseMoved", x, y, 0);
    }

    /** A left click at a point of the viewport, as a user's: move, press, release. */
    void click(double x, double y) throws Exception {
        mouse("mouseMoved", x, y, 0);
        mouse("mousePressed", x, y, 1);
        mouse("mouseReleased", x, y, 1);
    }

    private void mouse(String type, double x, double y, int clicks) throws Exception {
        browser.call(session, "Input.dispatchMouseEvent", clicks == 0 ? Map.of("type", type, "x", x, "y", y)
                : Map.of("type", type, "x", x, "y", y, "button", "left", "clickCount", clicks));
    }

    /** Types text into the focused element, as a keyboard would (input events fire). */
    void type(String text) throws Exception {
        browser.call(session, "Input.insertText", Map.of("text", text));
    }

    /** Presses and releases a key that types nothing (Enter, Escape), as a keyboard would. */
    void press(String key, int keyCode) throws Exception {
        for (String type : new String[] {"rawKeyDown", "keyUp"}) {
            browser.call(session, "Input.dispatchKeyEvent", Map.of("type", type, "key", key, "code", key,
                    "windowsVirtualKeyCode", keyCode));
        }
    }

    /** The whole page, not only the viewport, as PNG. */
    void screenshot(Path png) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> size = (Map<String, Object>) browser.call(session, "Page.getLayoutMetrics", Map.of())
                .get("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", ((Number) size.get("width")).doubleValue(),
                "height", ((Number) size.get("height")).doubleValue(), "scale", 1);
        String data = (String) browser.call(session, "Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", clip)).get("data");
        Files.createDirectories(png.getParent());
        Files.write(png, Base64.getDecoder().decode(data));
    }

    /** Console errors, uncaught exceptions and error log entries (e.g. a resource that failed to load). */
    @SuppressWarnings("unchecked")
    List<String> errors() {
        List<String> l = new ArrayList<>();
        for (Map<String, Object> e : browser.events(session)) {
            Map<String, Object> p = (Map<String, Object>) e.get("params");
            switch (String.valueOf(e.get("method"))) {
                case "Runtime.exceptionThrown" -> l.add("exception: " + Json.write(p.get("exceptionDetails")));
                case "Runtime.consoleAPICalled" -> {
                    if ("error".equals(p.get("type")) || "assert".equals(p.get("type"))) {
                        l.add("console." + p.get("type") + ": " + Json.write(p.get("args")));
                    }
                }
                case "Log.entryAdded" -> {
                    Map<String, Object> entry = (Map<String, Object>) p.get("entry");
                    if ("error".equals(entry.get("level"))) {
                        l.add("log: " + entry.get("text") + " " + entry.getOrDefault("url", ""));
                    }
                }
                default -> {
                }
            }
        }
        return l;
    }
}
