package dev.lockscope.agent.control;

import dev.lockscope.agent.AgentMain;

/** The MBean behind {@code dev.lockscope:type=Agent}. */
public final class AgentControl implements AgentControlMBean {
    private final AgentMain agent;

    public AgentControl(AgentMain agent) {
        this.agent = agent;
    }

    @Override
    public boolean isEnabled() {
        return agent.enabled();
    }

    @Override
    public void setEnabled(boolean enabled) {
        agent.setEnabled(enabled);
    }

    @Override
    public int getTrackedLocks() {
        return agent.registry().tracked();
    }

    @Override
    public long getEvictions() {
        return agent.registry().evictions();
    }

    @Override
    public long getSiteOverwrites() {
        return agent.registry().bindings.overwrites();
    }

    @Override
    public long getSiteSkips() {
        return agent.registry().siteBudgets == null ? 0 : agent.registry().siteBudgets.skipped();
    }

    @Override
    public long getHookErrors() {
        return agent.hookErrors();
    }

    @Override
    public long getOwnWaitsLeftOut() {
        return agent.registry().leftOut.ownWaits();
    }

    @Override
    public long getAgentOwnedWaits() {
        return agent.registry().leftOut.agentOwnedWaits();
    }

    @Override
    public String getHooks() {
        return agent.hooksDescription();
    }

    @Override
    public String topLocks(int n) {
        return agent.registry().describeTop(n);
    }
}
