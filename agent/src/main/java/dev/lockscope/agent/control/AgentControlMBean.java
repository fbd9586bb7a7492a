package dev.lockscope.agent.control;

/** JMX view of the agent ({@code dev.lockscope:type=Agent}): turn it off and on, read its health. */
public interface AgentControlMBean {
    boolean isEnabled();

    void setEnabled(boolean enabled);

    int getTrackedLocks();

    long getEvictions();

    long getSiteOverwrites();

    /** Constructions at rewritten sites over their site's budget (not bound; such locks get first-contended sites). */
    long getSiteSkips();

    long getHookErrors();

    String getHooks();

    /** The top locks by total wait, one per line. */
    String topLocks(int n);
}
