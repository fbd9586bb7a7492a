package dev.lockscope.agent.meters;

import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/** Somewhere to register lockscope's meters: the agent's own Micrometer, or the application's (by reflection). */
interface MeterSink {
    <T> void functionTimer(String name, String description, String[] tags, T source, ToLongFunction<T> count, ToDoubleFunction<T> totalNanos);

    <T> void functionCounter(String name, String description, String[] tags, T source, ToDoubleFunction<T> value);

    /** Removes every meter this sink registered (the agent stops: nothing of it stays in the application's registry). */
    void removeAll();
}
