package covert.template;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import covert.UserError;

/**
 * A model's own Jinja chat template, rendered as Hugging Face transformers' {@code apply_chat_template(tokenize=False)}
 * renders it. Messages are plain maps in the HF shape: {@code role}, {@code content}, optional
 * {@code reasoning_content} / {@code thinking}, {@code tool_calls} with {@code function.arguments} as an object,
 * {@code tool_call_id}, {@code name}. Immutable and safe to share across threads.
 */
public final class ChatTemplate {
    /** Built-in names (see resources covert/template/PROVENANCE.md); {@code llama3} is an alias of {@code llama3.1}. */
    public static final Set<String> BUILT_IN = Set.of("qwen2.5", "qwen3", "llama3.1", "llama3", "deepseek-r1", "gpt-oss");
    private static final Map<String, Tokens> BUILT_IN_TOKENS = Map.of(
            "qwen2.5", new Tokens(null, "<|im_end|>"),
            "qwen3", new Tokens(null, "<|im_end|>"),
            "llama3.1", new Tokens("<|begin_of_text|>", "<|eot_id|>"),
            "deepseek-r1", new Tokens("<｜begin▁of▁sentence｜>", "<｜end▁of▁sentence｜>"),
            "gpt-oss", new Tokens("<|startoftext|>", "<|return|>"));
    private static final JinjaEnvironment ENVIRONMENT = new JinjaEnvironment();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final String source;
    private final String prepared;
    private final Tokens tokens;
    private final ReasoningFormat reasoningFormat;
    private final Clock clock;

    private record Tokens(String bos, String eos) {}

    private ChatTemplate(String name, String source, Tokens tokens, Clock clock) {
        this.name = name;
        this.source = source;
        this.prepared = JinjaEnvironment.preprocess(source);
        this.tokens = tokens;
        this.reasoningFormat = ReasoningFormat.detect(source);
        this.clock = clock;
    }

    /** A built-in name ({@link #BUILT_IN}), a {@code tokenizer_config.json}, or any other file read as a Jinja template. */
    public static ChatTemplate load(String nameOrPath) {
        if (BUILT_IN.contains(nameOrPath)) return builtIn(nameOrPath);
        Path path = Path.of(nameOrPath);
        return path.getFileName() != null && path.getFileName().toString().endsWith(".json")
                ? fromTokenizerConfig(path) : fromJinjaFile(path);
    }

    public static ChatTemplate builtIn(String name) {
        String canonical = "llama3".equals(name) ? "llama3.1" : name;
        if (!BUILT_IN_TOKENS.containsKey(canonical)) {
            throw new UserError("unknown chat template '" + name + "'; built in: " + String.join(", ", BUILT_IN.stream().sorted().toList())
                    + ", or give a tokenizer_config.json or .jinja file");
        }
        try (InputStream in = ChatTemplate.class.getResourceAsStream(canonical + ".jinja")) {
            if (in == null) throw new IllegalStateException("missing resource covert/template/" + canonical + ".jinja");
            return new ChatTemplate(canonical, new String(in.readAllBytes(), StandardCharsets.UTF_8), BUILT_IN_TOKENS.get(canonical),
                    Clock.systemDefaultZone());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in chat template " + canonical, e);
        }
    }

    public static ChatTemplate fromJinjaFile(Path file) {
        return new ChatTemplate(file.getFileName().toString(), read(file), new Tokens(null, null), Clock.systemDefaultZone());
    }

    /** HF {@code tokenizer_config.json}: {@code chat_template} as a string or a list of {name, template} (takes "default"). */
    public static ChatTemplate fromTokenizerConfig(Path file) {
        JsonNode config;
        try {
            config = JSON.readTree(read(file));
        } catch (JsonProcessingException e) {
            throw new UserError("tokenizer config " + file + " is not valid JSON: " + e.getOriginalMessage().replace('\n', ' '));
        }
        JsonNode template = config == null ? null : config.get("chat_template");
        String text = null;
        if (template != null && template.isTextual()) {
            text = template.asText();
        } else if (template != null && template.isArray()) {
            for (JsonNode named : template) {
                if ("default".equals(named.path("name").asText())) text = named.path("template").asText(null);
            }
        }
        if (text == null) {
            throw new UserError("tokenizer config " + file + " has no chat_template (a string, or a list with a \"default\" entry)");
        }
        return new ChatTemplate(file.toString(), text, new Tokens(token(config.get("bos_token")), token(config.get("eos_token"))),
                Clock.systemDefaultZone());
    }

    private static String token(JsonNode node) {
        if (node == null || node.isNull()) return null;
        return node.isObject() ? node.path("content").asText(null) : node.asText();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserError("chat template file not found: " + file);
        } catch (IOException e) {
            throw new UserError("cannot read chat template file " + file + ": " + e.getMessage());
        }
    }

    /** The same template with {@code strftime_now} reading this clock (for reproducible renders). */
    public ChatTemplate withClock(Clock fixed) {
        return new ChatTemplate(name, source, tokens, fixed);
    }

    public String name() {
        return name;
    }

    public String source() {
        return source;
    }

    public String bosToken() {
        return tokens.bos();
    }

    public String eosToken() {
        return tokens.eos();
    }

    public ReasoningFormat reasoningFormat() {
        return reasoningFormat;
    }

    /**
     * {@code apply_chat_template(messages, tools=tools, add_generation_prompt=..., tokenize=False, **extraVars)}.
     * {@code tools} may be null (no tools); {@code extraVars} may be null or hold template kwargs such as
     * {@code enable_thinking} or {@code reasoning_effort}.
     */
    public String render(List<Map<String, Object>> messages, List<Map<String, Object>> tools, boolean addGenerationPrompt,
                         Map<String, Object> extraVars) {
        Map<String, Object> vars = new HashMap<>();
        if (extraVars != null) vars.putAll(extraVars);
        vars.put("messages", messages);
        vars.put("tools", tools);
        vars.put("add_generation_prompt", addGenerationPrompt);
        vars.put("bos_token", tokens.bos() == null ? "" : tokens.bos());
        vars.put("eos_token", tokens.eos() == null ? "" : tokens.eos());
        return ENVIRONMENT.render(prepared, vars, clock);
    }

    public String render(List<Map<String, Object>> messages, List<Map<String, Object>> tools, boolean addGenerationPrompt) {
        return render(messages, tools, addGenerationPrompt, null);
    }

    /**
     * The prompt for a raw {@code /v1/completions} call that continues the model's own reasoning: the conversation with
     * the generation prompt, an opened reasoning section, and {@code reasoningPrefix} in it (no closing tag).
     * A one-line {@link UserError} when the template has no reasoning section.
     */
    public String continuation(List<Map<String, Object>> messages, List<Map<String, Object>> tools, String reasoningPrefix) {
        String open = reasoningFormat.open();
        String prompt = render(messages, tools, true, null);
        // DeepSeek-R1's generation prompt already opens <think>; opening it twice would change the model's context.
        String opened = prompt.endsWith(open) ? prompt : prompt + open;
        return opened + (reasoningPrefix == null ? "" : reasoningPrefix);
    }
}
