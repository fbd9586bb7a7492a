package dev.lockscope.analyzer.read;

/** A recording that cannot be read; the message is the one line the user sees. */
public final class RecordingException extends Exception {
    public RecordingException(String message) {
        super(message);
    }

    public RecordingException(String message, Throwable cause) {
        super(message, cause);
    }
}
