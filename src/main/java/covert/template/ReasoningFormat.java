package covert.template;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import covert.UserError;

/**
 * Where a chat template puts the model's reasoning: in {@code <think>} tags (Qwen3 reads it from the message field
 * {@code reasoning_content}, DeepSeek-R1 only from tags in the content), in harmony's analysis channel (gpt-oss reads the
 * {@code thinking} field), or nowhere (Llama 3.1). Detected from the template text, not from a model name, so a
 * user's own template of the same family gets the same treatment.
 */
public sealed interface ReasoningFormat {

    /** Reasoning between {@code <think>} and {@code </think>}; {@code field} is the message key the template reads it from, if any. */
    record ThinkTags(Optional<String> field) implements ReasoningFormat {
        public static final String OPEN = "<think>\n";
        public static final String CLOSE = "\n</think>\n\n";

        @Override
        public String open() {
            return OPEN;
        }
    }

    /** gpt-oss harmony format: reasoning is the assistant's analysis-channel message. */
    record Harmony() implements ReasoningFormat {
        public static final String OPEN = "<|channel|>analysis<|message|>";
        public static final String CLOSE = "<|end|>";

        @Override
        public String open() {
            return OPEN;
        }

        @Override
        public Optional<String> field() {
            return Optional.of("thinking");
        }
    }

    /** The template has no place for reasoning (Llama 3.1, Qwen2.5). */
    record None() implements ReasoningFormat {
        @Override
        public String open() {
            throw new UserError("this chat template has no reasoning section, so there is no reasoning to continue or place;"
                    + " use a reasoning model's template (qwen3, deepseek-r1, gpt-oss) or --chat-template FILE");
        }

        @Override
        public Optional<String> field() {
            return Optional.empty();
        }
    }

    /** The text that opens the reasoning section right after the generation prompt. */
    String open();

    /** The message key this template reads reasoning from, if it reads one. */
    Optional<String> field();

    default boolean hasReasoning() {
        return !(this instanceof None);
    }

    /**
     * A copy of an assistant message with {@code reasoning} where this template looks for it: the message field when the
     * template reads one, otherwise {@code <think>} tags in front of the content. A template without a reasoning
     * section gets the message unchanged.
     */
    default Map<String, Object> place(Map<String, Object> assistantMessage, String reasoning) {
        Map<String, Object> copy = new LinkedHashMap<>(assistantMessage);
        if (reasoning == null || reasoning.isEmpty() || !hasReasoning()) return copy;
        if (field().isPresent()) {
            copy.put(field().get(), reasoning);
        } else {
            Object content = copy.get("content");
            copy.put("content", ThinkTags.OPEN + reasoning + ThinkTags.CLOSE + (content == null ? "" : content));
        }
        return copy;
    }

    static ReasoningFormat detect(String templateText) {
        if (templateText.contains("<|channel|>analysis")) return new Harmony();
        if (templateText.contains("<think>")) {
            return new ThinkTags(templateText.contains("reasoning_content") ? Optional.of("reasoning_content") : Optional.empty());
        }
        return new None();
    }
}
