package dev.lockscope.advisor;

/** What to do about a lock. */
public enum Verdict {
    NOT_WORTH_TOUCHING("not worth touching"),
    READ_WRITE_LOCK("use a read-write lock or StampedLock"),
    FEWER_THREADS("run fewer threads than now"),
    SHORTEN_CRITICAL_SECTION("shorten or split the critical section"),
    ADOPT_ADAPTIVE_LOCK("adopt lockscope's adaptive lock"),
    INCONCLUSIVE("not enough evidence");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
