package dev.lockscope.agent.meters;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/** Registers into the agent's own (isolated) Micrometer registry, which backs the Prometheus endpoint. */
final class AgentMeterSink implements MeterSink {
    private final MeterRegistry registry;
    private final java.util.List<io.micrometer.core.instrument.Meter> registered = new java.util.ArrayList<>();

    AgentMeterSink(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public <T> void functionTimer(String name, String description, String[] tags, T source, ToLongFunction<T> count, ToDoubleFunction<T> totalNanos) {
        registered.add(FunctionTimer.builder(name, source, count, totalNanos, TimeUnit.NANOSECONDS).description(description)
                .tags(tags).register(registry));
    }

    @Override
    public <T> void functionCounter(String name, String description, String[] tags, T source, ToDoubleFunction<T> value) {
        registered.add(FunctionCounter.builder(name, source, value).description(description).tags(tags).register(registry));
    }

    @Override
    public void removeAll() {
        registered.forEach(registry::remove);
        registered.clear();
    }
}
