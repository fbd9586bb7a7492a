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

    /** Throwables caught inside hooks since start. */
    long getHookErrors();

    /** Rounds of the agent's background thread that threw since start (caught, counted, carried on). */
    long getBackgroundErrors();

    /** Waits of the agent's own threads (or inside its code) left out of every lock figure since start. */
    long getOwnWaitsLeftOut();

    /** Waits of application threads for a lock an agent thread held (the agent's cost) since start. */
    long getAgentOwnedWaits();

    String getHooks();

    /** The top locks by total wait, one per line. */
    String topLocks(int n);
}
