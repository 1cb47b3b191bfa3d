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

    /**
     * How this model can continue from a given prefix, which CoT interventions need: when the messages passed to
     * {@link #generate} end with an {@link Message.AssistantMessage}, a model that supports it treats that message
     * as the start of its own next turn and returns the whole turn (prefix plus continuation).
     */
    default Continuation continuation() {
        return Continuation.NONE;
    }

    /** What a trailing assistant message may carry when passed as a prefix. */
    enum Continuation {
        /** Edited reasoning is accepted and continued (simulated organisms; raw completions with a chat template). */
        REASONING_PREFIX,
        /** Only visible text can be prefilled (reasoning is signed or encrypted): a weaker intervention. */
        VISIBLE_PREFILL,
        /** No prefix of any kind. */
        NONE
    }

    /** The training checkpoint this model is, when the model itself knows it (simulated checkpoints do). */
    default java.util.Optional<Checkpoint> checkpoint() {
        return java.util.Optional.empty();
    }

    /** True for simulated test doubles, so every log and report can say its numbers are not findings. */
    default boolean simulated() {
        return false;
    }
}
