package covert.model.middleware;

import covert.model.GenerateConfig;
import covert.model.Generation;
import covert.model.Message;
import covert.model.Model;
import covert.model.ModelException;
import covert.model.ToolSpec;
import java.util.List;

/** Holds one slot of the account's {@link AdaptiveLimiter} for the length of one HTTP attempt, and reports how it went. */
final class Limited extends Wrapper {
    private final AdaptiveLimiter limiter;

    Limited(Model inner, AdaptiveLimiter limiter) {
        super(inner);
        this.limiter = limiter;
    }

    @Override
    public Generation generate(List<Message> messages, List<ToolSpec> tools, GenerateConfig config) throws ModelException {
        AdaptiveLimiter.Permit permit;
        long queued = System.nanoTime();
        try {
            permit = limiter.acquire();
            UsageLedger.waited(System.nanoTime() - queued);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException("interrupted while waiting for a connection slot", e);
        }
        var signal = AdaptiveLimiter.Signal.OTHER_ERROR;
        try {
            Generation g = inner.generate(messages, tools, config);
            signal = AdaptiveLimiter.Signal.OK;
            return g;
        } catch (ModelException e) {
            if (e.rateLimited()) signal = AdaptiveLimiter.Signal.RATE_LIMITED;
            throw e;
        } finally {
            limiter.release(permit, signal);
        }
    }
}
