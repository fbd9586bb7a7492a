package dev.lockscope.agent.meters;

/** The agent options the meters read, each when it is needed: {@code metricsTopSites}, {@code metricsPort}, {@code appMeters}. */
public interface MeterOptions {
    /** Sites that get their own {@code site} tag; the others are summed under {@code site=other}. */
    int topSites();

    /** The loopback Prometheus endpoint's port, 0 for none. */
    int prometheusPort();

    /** Whether to register in the application's Micrometer {@code Metrics.globalRegistry}. */
    boolean appMeters();
}
