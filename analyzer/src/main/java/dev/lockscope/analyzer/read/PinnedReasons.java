package dev.lockscope.analyzer.read;

/**
 * Why a virtual thread stayed pinned to its carrier, in plain words, from a {@code jdk.VirtualThreadPinned} event's
 * {@code pinnedReason} (JDK 24+) and {@code blockingOperation}. The JDK writes some reasons only as the code of the
 * freeze that failed ({@code "Freeze or preempt failed (N)"}, HotSpot's {@code freeze_result}); that code is kept
 * after the explanation so the JDK's own words can still be searched. No dot in the words a reason adds, so a table
 * that shows a name after its last dot shows the whole reason.
 */
public final class PinnedReasons {
    private static final String FREEZE = "Freeze or preempt failed (";

    private PinnedReasons() {
    }

    /** The operation and reason of a pinning event in plain words; either may be null. */
    public static String describe(String reason, String operation) {
        String why = plain(reason);
        if (operation == null || operation.isBlank()) {
            return why == null ? "pinned (no reason recorded)" : why;
        }
        return why == null ? operation + " while pinned (no reason recorded)" : operation + " while pinned: " + why;
    }

    /** One reason in plain words; null for none. */
    static String plain(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        if (!reason.startsWith(FREEZE) || !reason.endsWith(")")) {
            return reason; // the JDK's own words already say it ("Native or VM frame on stack", "VM call to X on stack")
        }
        String code = reason.substring(FREEZE.length(), reason.length() - 1);
        String words = switch (code) {
            case "2" -> "a critical section of the JDK's was on its stack, which may not unmount (class loading or"
                    + " initialization, the JDK's own scheduling code)";
            case "3" -> "a native or VM frame was on its stack";
            case "4" -> "it held a monitor it could not keep while unmounted (JDK 21 to 23 pin every virtual thread that"
                    + " holds one)";
            case "5" -> "unmounting failed with an error (out of memory or stack overflow)";
            case "6" -> "it was not mounted";
            case "7" -> "unmounting is not supported here (this platform, or a debugger's or agent's settings)";
            default -> "unmounting failed";
        };
        return words + " [" + reason + "]";
    }
}
