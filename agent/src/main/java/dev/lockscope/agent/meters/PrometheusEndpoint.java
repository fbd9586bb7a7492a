package dev.lockscope.agent.meters;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lockscope.agent.registry.AgentThreads;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Prometheus text exposition of the agent's meters on a loopback-only port ({@code metricsPort=}). */
final class PrometheusEndpoint {
    private final MeterRegistry registry;
    private final int requestedPort;
    private HttpServer server;

    PrometheusEndpoint(MeterRegistry registry, int port) {
        this.registry = registry;
        this.requestedPort = port;
    }

    void start() throws Exception {
        // The JDK's server names its own threads: started this way they carry the agent's prefix, so their waits are
        // never taken for the application's.
        server = AgentThreads.startNamed("metrics-http", () -> {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort);
            HttpServer s;
            try {
                s = HttpServer.create(address, 4);
            } catch (IOException e) {
                throw new IOException("metricsPort=" + requestedPort + ": cannot listen on "
                        + address.getAddress().getHostAddress() + ":" + requestedPort + ": " + e.getMessage(), e);
            }
            s.createContext("/metrics", this::serve);
            s.start();
            return s;
        });
    }

    private void serve(HttpExchange exchange) throws IOException {
        byte[] body = render().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    String render() {
        StringBuilder sb = new StringBuilder();
        String lastHelp = "";
        java.util.List<Meter> meters = new java.util.ArrayList<>(registry.getMeters());
        // One HELP/TYPE block per metric name: keep a name's series together.
        meters.sort(java.util.Comparator.comparing(m -> m.getId().getName()));
        for (Meter m : meters) {
            String base = m.getId().getName().replace('.', '_');
            String labels = labels(m);
            if (m instanceof FunctionTimer) {
                FunctionTimer t = (FunctionTimer) m;
                String name = base + "_seconds";
                if (!name.equals(lastHelp)) {
                    sb.append("# HELP ").append(name).append(' ').append(m.getId().getDescription()).append('\n');
                    sb.append("# TYPE ").append(name).append(" summary\n");
                    lastHelp = name;
                }
                sb.append(name).append("_count").append(labels).append(' ').append((long) t.count()).append('\n');
                sb.append(name).append("_sum").append(labels).append(' ').append(t.totalTime(TimeUnit.SECONDS)).append('\n');
            } else if (m instanceof FunctionCounter) {
                String name = base + "_total";
                if (!name.equals(lastHelp)) {
                    sb.append("# HELP ").append(name).append(' ').append(m.getId().getDescription()).append('\n');
                    sb.append("# TYPE ").append(name).append(" counter\n");
                    lastHelp = name;
                }
                sb.append(name).append(labels).append(' ').append(((FunctionCounter) m).count()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String labels(Meter m) {
        StringBuilder sb = new StringBuilder("{");
        for (Tag t : m.getId().getTags()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(t.getKey()).append("=\"").append(t.getValue().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return sb.append('}').toString();
    }
}
