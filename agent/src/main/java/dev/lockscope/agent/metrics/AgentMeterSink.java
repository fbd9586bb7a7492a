package dev.lockscope.agent.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/** Registers into the agent's own (isolated) Micrometer registry, which backs the Prometheus endpoint. */
final class AgentMeterSink implements MeterSink {
    private final MeterRegistry registry;

    AgentMeterSink(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public <T> void functionTimer(String name, String description, String[] tags, T source, ToLongFunction<T> count, ToDoubleFunction<T> totalNanos) {
        FunctionTimer.builder(name, source, count, totalNanos, TimeUnit.NANOSECONDS).description(description).tags(tags).register(registry);
    }

    @Override
    public <T> void functionCounter(String name, String description, String[] tags, T source, ToDoubleFunction<T> value) {
        FunctionCounter.builder(name, source, value).description(description).tags(tags).register(registry);
    }
}
