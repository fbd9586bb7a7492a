package dev.lockscope.agent;

import dev.lockscope.agent.advice.AdviceEngine;
import dev.lockscope.agent.advice.RunnableSampler;
import dev.lockscope.agent.jfr.MonitorShares;
import dev.lockscope.agent.jfr.RunnableThreads;
import dev.lockscope.agent.monitor.MonitorOwnerShare;

/**
 * What the periodic events read from the advice's sampler and the monitor shares, handed to {@code jfr} by the
 * composition: the event writers depend on no part that depends on the hooks, which write through them.
 */
final class EventSources {
    private EventSources() {
    }

    static RunnableThreads runnable(RunnableSampler sampler) {
        return new RunnableThreads() {
            @Override
            public long[] totals() {
                return sampler.totals();
            }

            @Override
            public double perCpu(long[] before, long[] after) {
                return sampler.perCpu(before, after);
            }

            @Override
            public String unavailable() {
                return sampler.unavailable();
            }

            @Override
            public String source(long samplesInPeriod) {
                return sampler.source(samplesInPeriod);
            }

            @Override
            public String sampledOnlyWhile() {
                return AdviceEngine.SAMPLED_ONLY_WHILE;
            }
        };
    }

    static MonitorShares monitorShares(ProbeJoin probe) {
        return new MonitorShares() {
            @Override
            public boolean given() {
                return probe.monitorShares();
            }

            @Override
            public String source() {
                return MonitorOwnerShare.SOURCE;
            }

            @Override
            public String notMeasuredInPeriod() {
                return MonitorOwnerShare.notMeasured("period");
            }
        };
    }
}
