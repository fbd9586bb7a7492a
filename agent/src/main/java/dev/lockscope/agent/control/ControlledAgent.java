package dev.lockscope.agent.control;

import dev.lockscope.events.AgentStatus;

/** What the JMX bean shows and switches, handed to it by the agent. */
public interface ControlledAgent {
    /** Whether the hooks are on. */
    boolean enabled();

    /** Turns the hooks on or off (the rest of the agent runs on either way). */
    void setEnabled(boolean on);

    /** The agent's health now, with the figures and meanings of the {@code dev.lockscope.AgentStatus} event. */
    AgentStatus status();

    /** The top locks by total wait, one per line. */
    String topLocks(int n);
}
