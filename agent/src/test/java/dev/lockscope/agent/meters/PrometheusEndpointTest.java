package dev.lockscope.agent.meters;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** A port that cannot be bound is named in the error, with the address tried. */
class PrometheusEndpointTest {
    @Test
    void aTakenPortIsNamedInTheError() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            PrometheusEndpoint endpoint = new PrometheusEndpoint(new SimpleMeterRegistry(), port);
            assertThatThrownBy(endpoint::start).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("metricsPort=" + port + ": cannot listen on 127.0.0.1:" + port + ": ")
                    .hasMessageContaining("in use");
        }
    }
}
