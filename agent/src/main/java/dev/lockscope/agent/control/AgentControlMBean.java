package dev.lockscope.agent.control;

/** JMX view of the agent ({@code dev.lockscope:type=Agent}): turn it off and on, read its health. */
public interface AgentControlMBean {
    boolean isEnabled();

    void setEnabled(boolean enabled);

    int getTrackedLocks();

    long getEvictions();

    long getSiteOverwrites();

    long getHookErrors();

    String getHooks();

    /** The top locks by total wait, one per line. */
    String topLocks(int n);
}
