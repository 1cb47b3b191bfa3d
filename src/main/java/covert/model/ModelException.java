package covert.model;

import java.time.Duration;
import java.util.Optional;

/**
 * A generation failed (provider error, malformed output). The sample is recorded as an error, never as honest.
 * {@code retryable} marks transient failures (429, 5xx, timeouts, resets, truncated bodies) that the retry layer may
 * repeat; {@code status} is the HTTP status when there was one, and {@code retryAfter} the server's own wait.
 */
public class ModelException extends Exception {
    private final boolean retryable;
    private final int status;
    private final Duration retryAfter;

    public ModelException(String message) {
        this(message, null, false, 0, null);
    }

    public ModelException(String message, Throwable cause) {
        this(message, cause, false, 0, null);
    }

    public ModelException(String message, Throwable cause, boolean retryable, int status, Duration retryAfter) {
        super(message, cause);
        this.retryable = retryable;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The HTTP status, or 0 when the request never got one (timeout, reset, bad output). */
    public int status() {
        return status;
    }

    /** True for HTTP 429: the signal the adaptive limiter backs off on. */
    public boolean rateLimited() {
        return status == 429;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
