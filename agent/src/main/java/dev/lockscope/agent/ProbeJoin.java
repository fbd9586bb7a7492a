package dev.lockscope.agent;

import dev.lockscope.events.ProbeStatus;
import dev.lockscope.probe.OnCpuOracle;
import java.util.Iterator;
import java.util.ServiceLoader;

/**
 * Finds the native probe (an {@link OnCpuOracle} provider on the agent's class path). When there is none,
 * or it is off, or it fails, the agent carries on and says why: here, in ProbeStatus, and in one log line.
 */
final class ProbeJoin {
    final OnCpuOracle oracle;
    final String reason;

    private ProbeJoin(OnCpuOracle oracle, String reason) {
        this.oracle = oracle;
        this.reason = reason;
    }

    static ProbeJoin find(String mode, ClassLoader loader) {
        if (mode.equalsIgnoreCase("off") || mode.equalsIgnoreCase("false")) {
            return new ProbeJoin(null, "turned off by agent option probe=off");
        }
        try {
            Iterator<OnCpuOracle> it = ServiceLoader.load(OnCpuOracle.class, loader).iterator();
            while (it.hasNext()) {
                OnCpuOracle o = it.next();
                if (o.available()) {
                    return new ProbeJoin(o, "");
                }
                return new ProbeJoin(null, "native probe present but unavailable: " + o.source());
            }
            if (present("dev.lockscope.probe.Probe", loader)) {
                return new ProbeJoin(null, "native-probe is in this build but the agent does not join it yet: owner on-CPU share and futex calls are not measured");
            }
            return new ProbeJoin(null, "no native-probe reader in this build (native-probe provides only the OnCpuOracle contract so far)");
        } catch (Throwable t) {
            return new ProbeJoin(null, "native probe failed to load: " + t);
        }
    }

    private static boolean present(String name, ClassLoader loader) {
        try {
            Class.forName(name, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    boolean available() {
        return oracle != null;
    }

    ProbeStatus event() {
        ProbeStatus e = new ProbeStatus();
        e.available = oracle != null;
        e.onCpuSource = oracle != null ? oracle.source() : "unavailable";
        e.futexSource = "unavailable";
        e.reason = oracle != null ? "futex counts and on-CPU share are not joined into lock figures yet" : reason;
        return e;
    }
}
