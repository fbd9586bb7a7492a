package dev.lockscope.advisor;

/** How far the advice can be trusted: HIGH when every figure it rests on was measured. */
public enum Confidence {
    HIGH, MEDIUM, LOW
}
