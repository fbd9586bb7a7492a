package dev.lockscope.analyzer.report;

import dev.lockscope.analyzer.report.Report.LockRow;

/**
 * The lines every format prints under a row when its figures are not plain JFR events of one address: waits from
 * another recorder (async-profiler's sampled ones), and addresses taken to be one lock.
 */
final class RowOrigin {
    private RowOrigin() {
    }

    /** "waits sampled: async-profiler ...", or null for waits each recorded (their "waits counted" line says so). */
    static String waitsLine(LockRow row) {
        return row.waitsSampled() ? "waits " + row.waitsSource() : null;
    }

    /** How the row's addresses were taken to be one lock, or null for a lock seen at one address. */
    static String addressesLine(LockRow row) {
        if (row.addressesSeen() <= 1) {
            return null;
        }
        if ("succession".equals(row.addressesMergedBy())) {
            return "taken as one lock the GC moved: seen at " + row.addressesSeen() + " addresses one after another "
                    + "(shown: the last), with no GC events to confirm the moves";
        }
        if ("reinflation".equals(row.addressesMergedBy())) {
            return "one monitor made anew: seen at " + row.addressesSeen() + " monitor addresses one after another "
                    + "(shown: the last); the JVM frees an idle object's monitor and makes a new one when it is "
                    + "contended again";
        }
        return "moved by the GC: seen at " + row.addressesSeen() + " addresses one after another (shown: the last)";
    }
}
