package dev.lockscope.agent.meters;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/**
 * The application's Micrometer is found by asking each class loader whether it loaded the class: found where a loader
 * loaded it, never in the skipped (agent's) loader, and a class no loader loaded is neither found nor loaded by asking.
 */
class LoadedClassesTest {
    private static final String NAME = LoadedClassesTest.Marker.class.getName();

    /** A class only the test's own loaders load by name. */
    static final class Marker {
    }

    @Test
    void findsTheClassALoaderLoadedAndSkipsTheAgentsLoader() throws Exception {
        try (URLClassLoader app = isolated(); URLClassLoader agent = isolated()) {
            Class<?> ofApp = Class.forName(NAME, false, app);
            Class<?> ofAgent = Class.forName(NAME, false, agent);
            assertThat(ofApp).isNotSameAs(Marker.class).isNotSameAs(ofAgent);
            // The agent's copy comes first among the loaded classes: skipped all the same.
            Instrumentation inst = loaded(String.class, ofAgent, ofApp);
            assertThat(LoadedClasses.find(inst, NAME, agent)).isSameAs(ofApp);
            assertThat(LoadedClasses.find(loaded(String.class, ofAgent), NAME, agent)).isNull();
        }
    }

    @Test
    void aClassNoLoaderLoadedIsNotFoundNorLoaded() throws Exception {
        try (URLClassLoader app = isolated(); URLClassLoader probe = isolated()) {
            // Any class of the isolated loader puts the loader among those asked.
            Class<?> other = Class.forName(LoadedClassesTest.class.getName(), false, app);
            assertThat(LoadedClasses.find(loaded(other), NAME, null)).isNull();
            assertThat(LoadedClasses.find(loaded(other), NAME, null)).as("still not loaded after asking").isNull();
            // The class is there to load: the lookup above would have found it had it loaded it.
            assertThat(Class.forName(NAME, false, app)).isNotNull();
            assertThat(LoadedClasses.find(loaded(other), NAME, probe)).isNotNull();
        }
    }

    /** A loader of this module's test classes that does not delegate to the test's own loader. */
    private static URLClassLoader isolated() {
        URL classes = LoadedClassesTest.class.getProtectionDomain().getCodeSource().getLocation();
        return new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader());
    }

    /** An Instrumentation whose loaded classes are {@code classes} (the only method the lookup calls). */
    private static Instrumentation loaded(Class<?>... classes) {
        return (Instrumentation) Proxy.newProxyInstance(LoadedClassesTest.class.getClassLoader(), new Class<?>[] {Instrumentation.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getAllLoadedClasses")) {
                        return classes;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
