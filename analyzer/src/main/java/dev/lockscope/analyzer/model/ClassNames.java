package dev.lockscope.analyzer.model;

/**
 * One spelling of a class name in every row, whichever reader or event it came from: JMC and reports spell array
 * classes as Java source does ({@code int[]}), while JFR's constant pool and the agent's {@code Class.getName()} spell
 * them as the JVM does ({@code [I}), so the same monitor would otherwise make two rows with two names.
 */
public final class ClassNames {
    private ClassNames() {
    }

    /** {@code jvmName} as Java source spells it ({@code [I} -> {@code int[]}, {@code [Ljava.lang.Object;} -> {@code java.lang.Object[]}); null stays null. */
    public static String javaName(String jvmName) {
        if (jvmName == null || !jvmName.startsWith("[")) {
            return jvmName;
        }
        int dims = 0;
        while (dims < jvmName.length() && jvmName.charAt(dims) == '[') {
            dims++;
        }
        String element = switch (jvmName.substring(dims)) {
            case "Z" -> "boolean";
            case "B" -> "byte";
            case "C" -> "char";
            case "S" -> "short";
            case "I" -> "int";
            case "J" -> "long";
            case "F" -> "float";
            case "D" -> "double";
            default -> jvmName.substring(dims).startsWith("L") && jvmName.endsWith(";")
                    ? jvmName.substring(dims + 1, jvmName.length() - 1) : jvmName.substring(dims);
        };
        return element + "[]".repeat(dims);
    }
}
