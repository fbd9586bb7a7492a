package dev.lockscope.agent.advice;

import dev.lockscope.advisor.Verdict;

/**
 * Told when the verdict about a lock constructed in application code is new or changes (e.g. for
 * {@code adapt=auto}). Called on the agent's advice thread, never inside a lock hook; only for sites of kind
 * "constructed", named exactly as the reports print them ({@code dev.lockscope.examples.ShortHoldsBusyLock.<init>:11}).
 * An exception thrown here is caught and logged; it does not stop the advice.
 */
public interface VerdictListener {
    void onVerdict(String constructionSite, Verdict verdict);
}
