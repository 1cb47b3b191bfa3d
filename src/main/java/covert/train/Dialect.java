package covert.train;

import covert.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 */
public record Dialect(String name, Placement reasoning, boolean stringArguments, boolean nullContent) {
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
            case "inline" -> new Dialect("openai", THINKING, true, true);
            case "drop" -> new Dialect("openai", new Placement.Dropped(), true, true);
            case "field" -> throw new UserError("--reasoning field is not allowed: OpenAI's chat fine-tuning format has no reasoning key; "
                    + "use inline or drop, and --template for the Hugging Face file");
            default -> throw new UserError("--reasoning must be inline or drop, got '" + reasoning + "'");
        };
    }

    /** The Hugging Face messages dialect of a built-in template name, or of a Jinja template file read for its reasoning key. */
    public static Dialect template(String name) {
        return switch (name == null ? "qwen3" : name.toLowerCase(Locale.ROOT)) {
            case "qwen3" -> new Dialect("qwen3", new Placement.Field("reasoning_content"), false, false);
            case "qwen2.5" -> new Dialect("qwen2.5", THINKING, false, false);
            case "deepseek-r1" -> new Dialect("deepseek-r1", new Placement.Inline("<think>\n", "\n</think>\n\n"), true, false);
            case "llama3", "llama3.1" -> new Dialect("llama3.1", THINKING, false, false);
            case "gpt-oss" -> new Dialect("gpt-oss", new Placement.Field("thinking"), false, false);
            default -> fromFile(Path.of(name));
        };
    }

    /**
     * A user's template: its reasoning key if it reads one ({@code reasoning_content}, {@code thinking}), else a
     * {@code <think>} block if it strips one, else visible {@code <thinking>}; arguments as objects unless the
     * template concatenates them as text.
     */
    static Dialect fromFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserError("--template must be qwen3, qwen2.5, deepseek-r1, llama3, gpt-oss or a chat template file; not found: " + file);
        }
        String t;
        try {
            t = Files.readString(file);
        } catch (IOException e) {
            throw new UserError("cannot read template " + file + ": " + e.getMessage());
        }
        Placement p = t.contains("reasoning_content") ? new Placement.Field("reasoning_content")
                : t.matches("(?s).*\\.thinking\\b.*") ? new Placement.Field("thinking")
                : t.contains("</think>") ? new Placement.Inline("<think>\n", "\n</think>\n\n") : THINKING;
        boolean strings = !t.matches("(?s).*arguments\\s*\\|\\s*tojson.*") && t.matches("(?s).*\\+\\s*[\\w.\\[\\]'\"]*\\barguments\\b['\"\\]]*\\s*\\+.*");
        return new Dialect(file.getFileName().toString(), p, strings, false);
    }
}
