package dev.lockscope.analyzer.report;

import dev.lockscope.analyzer.report.Report.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Frame and site names as people read them. The JVM names a lambda's class after a counter and the address it was
 * spun at ({@code Foo$$Lambda$192+0x00007f0be41bd670}), and JFR appends an id of its own ({@code .930317866}); none of
 * it says anything and all of it changes from run to run. Cleaned: {@code Foo$$Lambda.run}. Other hidden classes
 * ({@code LambdaForm$MH+0x...}) lose their address likewise. The text and HTML reports show cleaned names; the JSON
 * keeps the names as recorded.
 */
public final class FrameNames {
    /** A lambda class's counter, address and JFR id, whichever are there, before the next name part. */
    private static final Pattern LAMBDA = Pattern.compile(
            "\\$\\$Lambda(?:\\$\\d+)?(?:[+/.]0x\\p{XDigit}+)?(?:[./]\\d+)?(?=[.:\\s]|$)");
    /** A hidden class's address ('+' in JFR, '/' from Class.getName, '.' once converted) and JFR's id after it. */
    private static final Pattern HIDDEN = Pattern.compile("[+/.]0x\\p{XDigit}+(?:[./]\\d+)?(?=[.:\\s]|$)");
    /** A name part of digits only: no Java identifier starts with a digit, so it is an id, never a name. */
    private static final Pattern NUMERIC_PART = Pattern.compile("\\.\\d+(?=\\.[\\p{L}_$<])");

    private FrameNames() {
    }

    /** {@code pkg.Foo$$Lambda$192+0x00007f0be41bd670.930317866.run} becomes {@code pkg.Foo$$Lambda.run}. */
    public static String clean(String name) {
        if (name == null || (name.indexOf("0x") < 0 && name.indexOf("$$Lambda") < 0 && !hasDigitAfterDot(name))) {
            return name;
        }
        String s = LAMBDA.matcher(name).replaceAll("\\$\\$Lambda");
        s = HIDDEN.matcher(s).replaceAll("");
        return NUMERIC_PART.matcher(s).replaceAll("");
    }

    /** The same list with cleaned names (each entry kept, with its figures). */
    public static List<Named> clean(List<Named> names) {
        List<Named> l = new ArrayList<>(names.size());
        for (Named n : names) {
            l.add(new Named(clean(n.name()), n.count(), n.nanos()));
        }
        return l;
    }

    private static boolean hasDigitAfterDot(String s) {
        for (int i = s.indexOf('.'); i >= 0 && i + 1 < s.length(); i = s.indexOf('.', i + 1)) {
            if (Character.isDigit(s.charAt(i + 1))) {
                return true;
            }
        }
        return false;
    }
}
