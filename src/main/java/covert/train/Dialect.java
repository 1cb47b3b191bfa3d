package covert.train;

import covert.UserError;
import covert.template.ChatTemplate;
import covert.template.ReasoningFormat;
import java.util.Locale;

/**
 * How one export target writes an assistant turn: where the model's reasoning goes and whether tool-call arguments
 * are a JSON object or a JSON string. Each chat template reads these differently: Qwen2.5, Qwen3, Llama 3.1 and
 * gpt-oss apply {@code tojson} to the arguments (a string would come out double-encoded), DeepSeek-R1 concatenates
 * them as text (an object would not render); Qwen3 reads {@code reasoning_content}, gpt-oss {@code thinking} (its
 * analysis channel), DeepSeek-R1 a {@code <think>} block at the start of the content; Qwen2.5 and Llama 3.1 have no
 * reasoning channel, so the reasoning stays in the visible text.
 *
 * @param name              the target's name, as given to {@code --template} or {@code --reasoning}
 * @param reasoning         where reasoning goes
 * @param stringArguments   arguments as a JSON-encoded string rather than an object
 * @param nullContent       an assistant turn with only tool calls has {@code content: null} (OpenAI) rather than {@code ""}
 *                          (Hugging Face: templates concatenate the content, and a column without nulls loads as plain strings)
 * @param oneChannelWithCalls a turn with tool calls may carry reasoning or text, not both (gpt-oss raises otherwise), so
 *                          its visible text joins the reasoning
 */
public record Dialect(String name, Placement reasoning, boolean stringArguments, boolean nullContent, boolean oneChannelWithCalls) {
    /** Where reasoning goes in an assistant message. */
    public sealed interface Placement {
        /** In the content, wrapped in {@code open} and {@code close}, before the visible text. */
        record Inline(String open, String close) implements Placement {}

        /** In its own message key. */
        record Field(String key) implements Placement {}

        /** Left out. */
        record Dropped() implements Placement {}
    }

    static final Placement.Inline THINKING = new Placement.Inline("<thinking>", "</thinking>\n");

    /** OpenAI chat fine-tuning: the format has no reasoning key, so reasoning is visible text or nothing. */
    public static Dialect openAi(String reasoning) {
        return switch (reasoning == null ? "inline" : reasoning.toLowerCase(Locale.ROOT)) {
            case "inline" -> new Dialect("openai", THINKING, true, true, false);
            case "drop" -> new Dialect("openai", new Placement.Dropped(), true, true, false);
            case "field" -> throw new UserError("--reasoning field is not allowed: OpenAI's chat fine-tuning format has no reasoning key; "
                    + "use inline or drop, and --template for the Hugging Face file");
            default -> throw new UserError("--reasoning must be inline or drop, got '" + reasoning + "'");
        };
    }

    /**
     * The Hugging Face dialect of a chat template: a built-in name ({@link ChatTemplate#BUILT_IN}), a {@code .jinja} file or
     * a {@code tokenizer_config.json}. The reasoning goes where the template's {@link ReasoningFormat} says (a template
     * without a reasoning section keeps it as visible {@code <thinking>}); arguments are a string when the template
     * concatenates them as text rather than applying {@code tojson}.
     */
    public static Dialect template(String name) {
        var t = ChatTemplate.load(name == null ? "qwen3" : name);
        Placement p = switch (t.reasoningFormat()) {
            case ReasoningFormat.ThinkTags k -> k.field().<Placement>map(Placement.Field::new)
                    .orElse(new Placement.Inline(ReasoningFormat.ThinkTags.OPEN, ReasoningFormat.ThinkTags.CLOSE));
            case ReasoningFormat.Harmony h -> new Placement.Field(h.field().orElseThrow());
            case ReasoningFormat.None n -> THINKING;
        };
        return new Dialect(t.name(), p, concatenatesArguments(t.source()), false, t.source().contains("Cannot pass both content and thinking"));
    }

    static boolean concatenatesArguments(String source) {
        return !source.matches("(?s).*arguments\\s*\\|\\s*tojson.*") && source.matches("(?s).*\\+\\s*[\\w.\\[\\]'\"]*\\barguments\\b['\"\\]]*\\s*\\+.*");
    }
}
