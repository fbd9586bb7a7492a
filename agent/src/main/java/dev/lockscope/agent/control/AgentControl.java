package dev.lockscope.agent.control;

/** The MBean behind {@code dev.lockscope:type=Agent}: each figure is the {@code AgentStatus} event's field of that name. */
public final class AgentControl implements AgentControlMBean {
    private final ControlledAgent agent;

    public AgentControl(ControlledAgent agent) {
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
        return agent.status().trackedLocks;
    }

    @Override
    public long getEvictions() {
        return agent.status().evictions;
    }

    @Override
    public long getSiteOverwrites() {
        return agent.status().siteOverwrites;
    }

    @Override
    public long getSiteSkips() {
        return agent.status().siteSkips;
    }

    @Override
    public long getHookErrors() {
        return agent.status().hookErrors;
    }

    @Override
    public long getBackgroundErrors() {
        return agent.status().backgroundErrors;
    }

    @Override
    public long getOwnWaitsLeftOut() {
        return agent.status().ownWaitsLeftOut;
    }

    @Override
    public long getAgentOwnedWaits() {
        return agent.status().agentOwnedWaits;
    }

    @Override
    public String getHooks() {
        return agent.status().hooks;
    }

    @Override
    public String topLocks(int n) {
        return agent.topLocks(n);
    }
}
