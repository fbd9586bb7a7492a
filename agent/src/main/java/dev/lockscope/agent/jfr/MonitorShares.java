package dev.lockscope.agent.jfr;

/**
 * Owner on-CPU shares of {@code synchronized} waits ({@code monitor/MonitorOwnerShare}, from the probe's snapshots),
 * as {@code LockSummary} labels them, seen from the event writer.
 */
public interface MonitorShares {
    /** Whether monitor waits get shares now (the on-CPU snapshots run). */
    boolean given();

    /** The source of a measured share. */
    String source();

    /** Why a monitor contended in a summary's period got no share. */
    String notMeasuredInPeriod();

    /** Monitor waits get no shares (no probe, or no snapshots). */
    MonitorShares NONE = new MonitorShares() {
        @Override
        public boolean given() {
            return false;
        }

        @Override
        public String source() {
            return "";
        }

        @Override
        public String notMeasuredInPeriod() {
            return "";
        }
    };
}
