package dev.lockscope.locks;

import java.lang.reflect.Method;
import java.util.ServiceLoader;

/**
 * Finds native-probe's on-CPU oracle if it is on the class path and can answer; otherwise says why not.
 * Nothing here may throw: any failure (class missing, JNA native library missing, no eBPF rights) means
 * the portable policy.
 */
final class ProbeLoader {
    static final String DISABLE_PROPERTY = "lockscope.locks.probe";
    private static final String ORACLE_TYPE = "dev.lockscope.probe.OnCpuOracle";
    /** native-probe's factory: {@code Probe.get().onCpuOracle()} (opens the probe once per JVM, never throws). */
    private static final String[] FACTORY = {"dev.lockscope.probe.Probe", "get", "onCpuOracle"};

    /** The loaded probe, or null; {@link #reason} says why it is null. */
    final OwnerProbe probe;
    final String reason;

    private ProbeLoader(OwnerProbe probe, String reason) {
        this.probe = probe;
        this.reason = reason;
    }

    static ProbeLoader load() {
        if ("off".equalsIgnoreCase(System.getProperty(DISABLE_PROPERTY, ""))) {
            return new ProbeLoader(null, "disabled by -D" + DISABLE_PROPERTY + "=off");
        }
        OwnerProbe handed = OnCpuSources.take();
        if (handed != null) {
            return new ProbeLoader(handed, null);
        }
        if (OnCpuSources.refusal() != null) {
            return new ProbeLoader(null, OnCpuSources.refusal());
        }
        ClassLoader cl = ProbeLoader.class.getClassLoader();
        Class<?> type;
        try {
            type = Class.forName(ORACLE_TYPE, false, cl);
        } catch (ClassNotFoundException | LinkageError e) {
            return new ProbeLoader(null, "native-probe not on the class path");
        }
        String why = "native-probe offers no on-CPU oracle";
        try {
            for (Object o : ServiceLoader.load(type, cl)) {
                OwnerProbe p = NativeProbeAdapter.wrapIfAvailable(o);
                if (p != null) return new ProbeLoader(p, null);
                why = "on-CPU oracle unavailable: " + safeSource(o);
            }
        } catch (Throwable e) { // ServiceConfigurationError, UnsatisfiedLinkError from JNA, ...
            why = "on-CPU oracle failed to load: " + e;
        }
        try {
            Object probe = Class.forName(FACTORY[0], true, cl).getMethod(FACTORY[1]).invoke(null);
            Method m = probe.getClass().getMethod(FACTORY[2]);
            Object o = m.invoke(probe);
            if (o != null && type.isInstance(o)) {
                OwnerProbe p = NativeProbeAdapter.wrapIfAvailable(o);
                if (p != null) return new ProbeLoader(p, null);
                why = "on-CPU oracle unavailable: " + safeSource(o);
            }
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            // this native-probe version has no such factory: keep the reason found so far
        } catch (Throwable e) { // UnsatisfiedLinkError from JNA, InvocationTargetException, ...
            why = "on-CPU oracle failed to load: " + e;
        }
        return new ProbeLoader(null, why);
    }

    private static String safeSource(Object oracle) {
        return NativeProbeAdapter.sourceOf(oracle);
    }
}
