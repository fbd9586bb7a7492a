package dev.lockscope.analyzer.cli;

/** A failure the user can fix, reported as one line on stderr with exit code 1 (no stack trace). */
public final class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
