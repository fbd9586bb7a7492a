package dev.lockscope.agent.sections;

/** Which calls acquire or release a lock, and which look like they change what they are called on. */
final class Calls {
    /** Name prefixes of methods that change their receiver in the JDK's collections, atomics and common APIs. */
    private static final String[] MUTATOR_PREFIXES = {"put", "remove", "add", "set", "compute", "replace", "offer",
        "poll", "push", "pop", "insert", "delete", "update", "increment", "decrement", "clear", "merge", "write",
        "drain", "retain", "sort", "fill", "enqueue", "dequeue", "take", "transfer", "store", "reset", "getAnd",
        "compareAnd", "weakCompareAnd", "lazySet", "accumulate", "append", "release", "acquire", "swap", "evict",
        "invalidate", "flush", "truncate", "shuffle"};

    private Calls() {
    }

    /** "lock", "lockInterruptibly" or "tryLock" for a Lock's acquire methods, else null. */
    static String acquire(String name, String desc) {
        switch (name) {
            case "lock":
            case "lockInterruptibly":
                return "()V".equals(desc) ? name : null;
            case "tryLock":
                return "()Z".equals(desc) || "(JLjava/util/concurrent/TimeUnit;)Z".equals(desc) ? name : null;
            default:
                return null;
        }
    }

    static boolean release(String name, String desc) {
        return "unlock".equals(name) && "()V".equals(desc);
    }

    /**
     * True for a call named like a mutator (put*, remove*, add*, set*, ...; suffix *AndGet). Builders of new
     * strings are left out: appending to a local StringBuilder or replacing in a String writes nothing shared.
     */
    static boolean mutator(String owner, String name) {
        if (name.startsWith("<") || owner.equals("java/lang/String") || owner.equals("java/lang/StringBuilder")
                || owner.equals("java/lang/StringBuffer")) {
            return false;
        }
        if (name.endsWith("AndGet")) {
            return true;
        }
        for (String p : MUTATOR_PREFIXES) {
            if (name.startsWith(p) && (name.length() == p.length() || !Character.isLowerCase(name.charAt(p.length())))) {
                return true;
            }
        }
        return false;
    }
}
