package covert.model.middleware;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how long to wait before repeating a transient failure: exponential backoff from {@code base},
 * capped at {@code cap}, with "equal jitter" (half fixed, half random) so that many samples rate-limited together do
 * not retry in lockstep. A server's {@code Retry-After} wins when it asks for longer.
 */
public record RetryPolicy(int maxAttempts, Duration base, Duration cap, Duration maxRetryAfter) {
    /** The longest {@code Retry-After} honoured by default: three replies asking for 100,000 s once hung a run. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(120);
    public static final RetryPolicy DEFAULT = new RetryPolicy(8, Duration.ofSeconds(1), Duration.ofSeconds(60), MAX_RETRY_AFTER);

    public RetryPolicy {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
        if (maxRetryAfter == null) maxRetryAfter = MAX_RETRY_AFTER;
    }

    public RetryPolicy(int maxAttempts, Duration base, Duration cap) {
        this(maxAttempts, base, cap, MAX_RETRY_AFTER);
    }

    public RetryPolicy withMaxRetryAfter(Duration d) {
        return new RetryPolicy(maxAttempts, base, cap, d);
    }

    /** The wait before attempt {@code attempt + 1}, after {@code attempt} failures. */
    Duration delay(int attempt, Duration retryAfter) {
        long exp = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt - 1, 30));
        long jittered = exp / 2 + ThreadLocalRandom.current().nextLong(exp / 2 + 1);
        return retryAfter != null && retryAfter.toMillis() > jittered ? retryAfter : Duration.ofMillis(jittered);
    }
}
