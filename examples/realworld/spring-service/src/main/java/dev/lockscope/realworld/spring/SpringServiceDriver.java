package dev.lockscope.realworld.spring;

import dev.lockscope.realworld.DriverArgs;
import dev.lockscope.realworld.Figures;
import dev.lockscope.realworld.Load;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the service on a free port, times it until its health endpoint answers ({@code ready.ms}, from the JVM's
 * start), then drives it with the JDK's HTTP client: a mix of order creations, reads and counts.
 */
public final class SpringServiceDriver {
    private SpringServiceDriver() {
    }

    public static void main(String[] argv) throws Exception {
        DriverArgs args = DriverArgs.parse(argv, 10, 3, 8);
        ConfigurableApplicationContext context = SpringApplication.run(ServiceApp.class, "--server.port=0");
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://127.0.0.1:" + port;
        expect(200, client.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString()));
        Figures.print("ready.ms", Figures.sinceJvmStartMillis());
        Load.Result result = Load.run(args, "http-load", worker -> {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            String customer = "c" + r.nextInt(50);
            int pick = r.nextInt(10);
            HttpRequest req;
            if (pick < 4) {
                req = HttpRequest.newBuilder(URI.create(base + "/orders?customer=" + customer + "&cents=" + r.nextInt(10_000)))
                        .POST(HttpRequest.BodyPublishers.noBody()).build();
            } else if (pick < 9) {
                req = HttpRequest.newBuilder(URI.create(base + "/orders/" + (1 + r.nextInt(1000)))).build();
            } else {
                req = HttpRequest.newBuilder(URI.create(base + "/customers/" + customer + "/count")).build();
            }
            HttpResponse<String> res = client.send(req, HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 200 && res.statusCode() != 404) {
                throw new IllegalStateException(req.uri() + " answered " + res.statusCode());
            }
        });
        int exit = Figures.printLoad(result);
        context.close();
        System.exit(exit);
    }

    private static void expect(int status, HttpResponse<String> res) {
        if (res.statusCode() != status) {
            throw new IllegalStateException(res.uri() + " answered " + res.statusCode() + ": " + res.body());
        }
    }
}
