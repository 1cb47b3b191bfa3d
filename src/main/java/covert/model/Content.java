package covert.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A part of a message's content, tagged by {@code type} as in Inspect's {@code Content} union. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Content.Text.class, name = "text"),
    @JsonSubTypes.Type(value = Content.Reasoning.class, name = "reasoning")
})
public sealed interface Content {

    record Text(String text) implements Content {}

    /**
     * Chain of thought as the provider exposes it. {@code signature} carries an opaque token (Anthropic
     * thinking signature, OpenAI encrypted reasoning) that must be sent back unchanged across turns; {@code internal}
     * is Inspect's provider-private handle (the OpenAI reasoning item id), also sent back.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Reasoning(String reasoning, String summary, String signature, boolean redacted, Object internal) implements Content {
        public Reasoning(String reasoning, String summary, String signature, boolean redacted) {
            this(reasoning, summary, signature, redacted, null);
        }

        public static Reasoning of(String text) {
            return new Reasoning(text, null, null, false);
        }
    }
}
