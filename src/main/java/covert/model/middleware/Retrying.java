package covert.model.middleware;

import covert.model.GenerateConfig;
import covert.model.Generation;
import covert.model.Message;
import covert.model.Model;
import covert.model.ModelException;
import covert.model.ToolSpec;
import java.util.List;

/**
 * Repeats retryable failures (429, 5xx, timeouts, resets, truncated bodies) with {@link RetryPolicy}'s backoff.
 * Non-retryable ones (400, 401, context length) pass straight through, so the sample fails at once and clearly.
 * The wait is a sleep on the sample's virtual thread: it holds no connection permit and no platform thread.
 */
final class Retrying extends Wrapper {
    private final RetryPolicy policy;
    /** A wrong URL or a down server otherwise looks like a silent hang for the whole backoff: say so once. */
    private final java.util.concurrent.atomic.AtomicBoolean warned = new java.util.concurrent.atomic.AtomicBoolean();

    Retrying(Model inner, RetryPolicy policy) {
        super(inner);
        this.policy = policy;
    }

    @Override
    public Generation generate(List<Message> messages, List<ToolSpec> tools, GenerateConfig config) throws ModelException {
        for (int attempt = 1; ; attempt++) {
            try {
                return inner.generate(messages, tools, config);
            } catch (ModelException e) {
                if (!e.retryable()) throw e;
                if (attempt >= policy.maxAttempts()) {
                    throw new ModelException("gave up after " + attempt + " attempts: " + e.getMessage(), e, false, e.status(), null);
                }
                var asked = e.retryAfter().orElse(null);
                if (asked != null && asked.compareTo(policy.maxRetryAfter()) > 0) {
                    UsageLedger.retried(new UsageLedger.Retry(name(), attempt, e.status(), asked.toMillis(), e.getMessage(), false));
                    throw new ModelException("rate-limited: the server asked to wait " + asked.toSeconds() + " s (Retry-After), over the "
                            + policy.maxRetryAfter().toSeconds() + " s cap (--max-retry-after): " + e.getMessage(), e, false, e.status(), null);
                }
                var wait = policy.delay(attempt, asked);
                var left = UsageLedger.remaining();
                if (left != null && wait.compareTo(left) >= 0) {
                    UsageLedger.retried(new UsageLedger.Retry(name(), attempt, e.status(), wait.toMillis(), e.getMessage(), false));
                    throw new covert.model.DeadlineException("the sample's time limit comes before the next attempt: " + e.getMessage(), e);
                }
                UsageLedger.retried(new UsageLedger.Retry(name(), attempt, e.status(), wait.toMillis(), e.getMessage(), true));
                if (e.status() == 0 && warned.compareAndSet(false, true)) {
                    System.err.println("covert: " + name() + ": " + e.getMessage() + "; retrying with backoff (up to "
                            + policy.maxAttempts() + " attempts per call)");
                }
                long slept = System.nanoTime();
                try {
                    Thread.sleep(wait);
                    UsageLedger.waited(System.nanoTime() - slept);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new ModelException("interrupted while waiting to retry: " + e.getMessage(), e);
                }
            }
        }
    }
}
