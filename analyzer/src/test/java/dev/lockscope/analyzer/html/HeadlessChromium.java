package dev.lockscope.analyzer.html;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code chromium}, headless, driven over the Chrome DevTools Protocol on a plain WebSocket. Offline: every
 * host name resolves to nothing, so a page that fetched anything would log an error.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();

    private HeadlessChromium(Process process, String url) throws Exception {
        this.process = process;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(CALL_TIMEOUT)
                .buildAsync(URI.create(url), new Listener()).get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The chromium binary, installed with apt-get when missing and running as root; empty with the reason why not. */
    static Optional<Path> binary(List<String> whyNot) throws Exception {
        Optional<Path> found = onPath("chromium");
        if (found.isPresent()) {
            return found;
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            whyNot.add("chromium is not installed and this user is not root, so it cannot be installed "
                    + "(apt-get install -y chromium)");
            return Optional.empty();
        }
        if (run("apt-get", "install", "-y", "chromium") != 0) {
            run("apt-get", "update");
            run("apt-get", "install", "-y", "chromium");
        }
        found = onPath("chromium");
        if (found.isEmpty()) {
            whyNot.add("chromium is not installed and apt-get install -y chromium did not install it");
        }
        return found;
    }

    private static Optional<Path> onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static int run(String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process p = pb.start();
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    static HeadlessChromium start(Path binary, Path profileDir) throws Exception {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless=new", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--host-resolver-rules=MAP * ~NOTFOUND", "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0", "--user-data-dir=" + profileDir, "about:blank"));
        if ("root".equals(System.getProperty("user.name"))) {
            command.add(1, "--no-sandbox"); // the sandbox refuses to run as root
        }
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = err.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    }
                }
                url.completeExceptionally(new IllegalStateException("chromium exited before listening"));
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            return new HeadlessChromium(p, url.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        } catch (Exception e) {
            p.destroyForcibly();
            throw e;
        }
    }

    /** A new tab, attached, with its console and logs reported. */
    Page newPage(int width, int height) throws Exception {
        String targetId = (String) call(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId");
        String session = (String) call(null, "Target.attachToTarget", Map.of("targetId", targetId, "flatten", true))
                .get("sessionId");
        Page page = new Page(this, session);
        call(session, "Page.enable", Map.of());
        call(session, "Runtime.enable", Map.of());
        call(session, "Log.enable", Map.of());
        page.viewport(width, height);
        return page;
    }

    Map<String, Object> call(String session, String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<Map<String, Object>> reply = new CompletableFuture<>();
        pending.put(id, reply);
        Map<String, Object> message = new java.util.LinkedHashMap<>();
        message.put("id", id);
        message.put("method", method);
        message.put("params", params);
        if (session != null) {
            message.put("sessionId", session);
        }
        synchronized (socket) {
            socket.sendText(Json.write(message), true).get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        Map<String, Object> r = reply.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (r.containsKey("error")) {
            throw new IllegalStateException(method + " failed: " + Json.write(r.get("error")));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) r.getOrDefault("result", Map.of());
        return result;
    }

    /** Events received so far for a session (each with "method" and "params"). */
    List<Map<String, Object>> events(String session) {
        List<Map<String, Object>> l = new ArrayList<>();
        for (Map<String, Object> e : events) {
            if (session.equals(e.get("sessionId"))) {
                l.add(e);
            }
        }
        return l;
    }

    @Override
    public void close() throws Exception {
        try {
            call(null, "Browser.close", Map.of());
        } catch (Exception ignored) {
            // it is being stopped anyway
        }
        socket.abort();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) Json.parse(partial.toString());
                partial.setLength(0);
                if (m.get("id") instanceof Number n) {
                    CompletableFuture<Map<String, Object>> f = pending.remove(n.intValue());
                    if (f != null) {
                        f.complete(m);
                    }
                } else {
                    events.add(m);
                }
            }
            ws.request(1);
            return null;
        }
    }
}
