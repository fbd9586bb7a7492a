package dev.lockscope.benchmarks.agent;

import java.lang.management.ManagementFactory;

/** Prints the JVM's uptime as {@code main} begins: with a Java agent, how long its premain held the program back. */
public final class MainEntry {
    private MainEntry() {
    }

    public static void main(String[] args) {
        System.out.println("main.ms=" + ManagementFactory.getRuntimeMXBean().getUptime());
    }
}
