package covert.model;

/**
 * A model behind an HTTP API. The middleware keys its response cache on {@link #endpoint()} and its adaptive
 * concurrency limiter on {@link #account()}, so two runs against the same account share one limit.
 */
public interface RemoteModel extends Model {
    /** Provider and base URL, e.g. {@code openai-compatible http://127.0.0.1:8000/v1}: part of every cache key. */
    String endpoint();

    /** {@link #endpoint()} plus a fingerprint of the API key (never the key itself). */
    String account();

    /**
     * One cheap call before any sample runs, so that an unreachable server, a refused key or a model the server does
     * not serve is a one-line error up front, not minutes of retries per sample.
     *
     * @throws covert.UserError naming what is wrong
     */
    default void preflight() {}
}
