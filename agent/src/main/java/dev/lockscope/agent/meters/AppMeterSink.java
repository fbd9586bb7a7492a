package dev.lockscope.agent.meters;

import java.lang.reflect.Method;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Registers into the application's own Micrometer {@code Metrics.globalRegistry}, through the application's
 * Micrometer classes (found by reflection: the agent's Micrometer is a different, isolated copy). An
 * application that adds its registry to the global one ({@code Metrics.addRegistry(registry)}) gets the meters.
 */
final class AppMeterSink implements MeterSink {
    private final Object globalRegistry;
    private final Class<?> functionTimer;
    private final Class<?> functionCounter;
    private final Class<?> meterRegistry;
    private final java.util.List<Object> registered = new java.util.ArrayList<>();

    AppMeterSink(Class<?> metricsClass) throws ReflectiveOperationException {
        ClassLoader l = metricsClass.getClassLoader();
        globalRegistry = metricsClass.getField("globalRegistry").get(null);
        functionTimer = Class.forName("io.micrometer.core.instrument.FunctionTimer", true, l);
        functionCounter = Class.forName("io.micrometer.core.instrument.FunctionCounter", true, l);
        meterRegistry = Class.forName("io.micrometer.core.instrument.MeterRegistry", true, l);
    }

    @Override
    public <T> void functionTimer(String name, String description, String[] tags, T source, ToLongFunction<T> count, ToDoubleFunction<T> totalNanos) {
        try {
            Object b = functionTimer.getMethod("builder", String.class, Object.class, ToLongFunction.class, ToDoubleFunction.class, TimeUnit.class)
                    .invoke(null, name, source, count, totalNanos, TimeUnit.NANOSECONDS);
            finish(b, description, tags);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("application Micrometer: " + e, e);
        }
    }

    @Override
    public <T> void functionCounter(String name, String description, String[] tags, T source, ToDoubleFunction<T> value) {
        try {
            Object b = functionCounter.getMethod("builder", String.class, Object.class, ToDoubleFunction.class).invoke(null, name, source, value);
            finish(b, description, tags);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("application Micrometer: " + e, e);
        }
    }

    private void finish(Object builder, String description, String[] tags) throws ReflectiveOperationException {
        Method desc = builder.getClass().getMethod("description", String.class);
        desc.setAccessible(true);
        builder = desc.invoke(builder, description);
        Method t = builder.getClass().getMethod("tags", String[].class);
        t.setAccessible(true);
        builder = t.invoke(builder, (Object) tags);
        Method reg = builder.getClass().getMethod("register", meterRegistry);
        reg.setAccessible(true);
        registered.add(reg.invoke(builder, globalRegistry));
    }

    @Override
    public void removeAll() {
        try {
            Method remove = meterRegistry.getMethod("remove", Class.forName("io.micrometer.core.instrument.Meter", true,
                    meterRegistry.getClassLoader()));
            for (Object meter : registered) {
                remove.invoke(globalRegistry, meter);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("application Micrometer: " + e, e);
        } finally {
            registered.clear();
        }
    }
}
