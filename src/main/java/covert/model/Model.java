package covert.model;

import java.util.List;

/**
 * A model an agent talks to. One method, so that retries, caching, rate limits and recording can wrap it
 * the way interceptors wrap an HTTP call. Implementations must be safe to call from many virtual threads.
 */
public interface Model {
    /** The {@code provider/name} this model was created from. */
    String name();

    Generation generate(List<Message> messages, List<ToolSpec> tools, GenerateConfig config) throws ModelException;

    /** True for simulated test doubles, so every log and report can say its numbers are not findings. */
    default boolean simulated() {
        return false;
    }
}
