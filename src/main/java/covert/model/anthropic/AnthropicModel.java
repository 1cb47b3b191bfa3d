package covert.model.anthropic;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.JsonValue;
import com.anthropic.errors.AnthropicInvalidDataException;
import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageParam;
import com.anthropic.models.messages.RedactedThinkingBlockParam;
import com.anthropic.models.messages.ThinkingBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlockParam;
import covert.model.Content;
import covert.model.GenerateConfig;
import covert.model.Generation;
import covert.model.HttpFailures;
import covert.model.Message;
import covert.model.ModelException;
import covert.model.RemoteModel;
import covert.model.StopReason;
import covert.model.ToolCall;
import covert.model.ToolSpec;
import covert.model.Usage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Claude through the Messages API. With {@code -M reasoning_tokens=N} extended thinking is on: {@code thinking} blocks
 * (text plus signature) and {@code redacted_thinking} blocks (opaque data, kept as the signature of a redacted
 * {@link Content.Reasoning}) are sent back unchanged and in order before the tool use they led to, as the API requires.
 * Tool results travel in user turns; consecutive user-side messages are merged into one turn.
 *
 * <p>Without thinking, a trailing assistant message of plain text is a prefill ({@link Continuation#VISIBLE_PREFILL})
 * and the returned turn is the prefill plus the continuation. Thinking blocks are signed, so they cannot be edited.
 */
final class AnthropicModel implements RemoteModel {
    static final String PROVIDER = "anthropic";

    private final String name;
    private final String model;
    private final AnthropicClient client;
    private final String baseUrl;
    private final String fingerprint;
    private final Long thinkingBudget;
    private final GenerateConfig defaults;

    AnthropicModel(String model, AnthropicClient client, String baseUrl, String fingerprint, Long thinkingBudget) {
        this(model, client, baseUrl, fingerprint, thinkingBudget, GenerateConfig.DEFAULT);
    }

    AnthropicModel(String model, AnthropicClient client, String baseUrl, String fingerprint, Long thinkingBudget, GenerateConfig defaults) {
        this.defaults = defaults;
        this.name = PROVIDER + "/" + model;
        this.model = model;
        this.client = client;
        this.baseUrl = baseUrl;
        this.fingerprint = fingerprint;
        this.thinkingBudget = thinkingBudget;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String endpoint() {
        return PROVIDER + " " + baseUrl;
    }

    @Override
    public String account() {
        return endpoint() + " key:" + fingerprint;
    }

    @Override
    public Continuation continuation() {
        return thinkingBudget == null ? Continuation.VISIBLE_PREFILL : Continuation.NONE;
    }

    @Override
    public Generation generate(List<Message> messages, List<ToolSpec> tools, GenerateConfig config) throws ModelException {
        config = config.orElse(defaults);
        String prefill = prefill(messages);
        long maxTokens = config.maxTokens() != null ? config.maxTokens() : thinkingBudget == null ? 4096 : thinkingBudget + 4096;
        var params = MessageCreateParams.builder().model(model).maxTokens(maxTokens);
        var system = new StringBuilder();
        for (Message m : messages) if (m instanceof Message.SystemMessage s) system.append(system.isEmpty() ? "" : "\n\n").append(s.content());
        if (!system.isEmpty()) params.system(system.toString());
        params.messages(turns(messages));
        for (ToolSpec t : tools) params.addTool(tool(t));
        if (thinkingBudget != null) params.enabledThinking(thinkingBudget);
        else if (config.temperature() != null) params.putAdditionalBodyProperty("temperature", JsonValue.from(config.temperature()));
        if (config.topP() != null && thinkingBudget == null) params.putAdditionalBodyProperty("top_p", JsonValue.from(config.topP()));
        if (config.stop() != null && !config.stop().isEmpty()) params.stopSequences(config.stop());
        var request = params.build();
        return call(() -> read(client.messages().create(request), prefill));
    }

    /** The prefill text of a trailing assistant message, or null; a prefill that carries more is refused. */
    private String prefill(List<Message> messages) throws ModelException {
        if (messages.isEmpty() || !(messages.getLast() instanceof Message.AssistantMessage a)) return null;
        if (continuation() != Continuation.VISIBLE_PREFILL) {
            throw new ModelException(name + " cannot continue a given assistant turn with thinking on: thinking blocks are signed");
        }
        if (!a.toolCalls().isEmpty() || !a.reasoning().isEmpty()) {
            throw new ModelException(name + " can only prefill visible text, not reasoning or tool calls");
        }
        return a.text().stripTrailing(); // the API rejects a final assistant turn ending in whitespace
    }

    private static List<MessageParam> turns(List<Message> messages) {
        var out = new ArrayList<MessageParam>();
        var user = new ArrayList<ContentBlockParam>();
        for (Message m : messages) {
            switch (m) {
                case Message.SystemMessage s -> { }
                case Message.UserMessage u -> user.add(ContentBlockParam.ofText(u.content()));
                case Message.ToolMessage t -> user.add(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                        .toolUseId(t.toolCallId()).content(t.content()).isError(t.error() != null).build()));
                case Message.AssistantMessage a -> {
                    if (!user.isEmpty()) out.add(MessageParam.ofUserOfContentBlockParams(List.copyOf(user)));
                    user.clear();
                    out.add(MessageParam.ofAssistantOfContentBlockParams(blocks(a)));
                }
            }
        }
        if (!user.isEmpty()) out.add(MessageParam.ofUserOfContentBlockParams(List.copyOf(user)));
        return out;
    }

    private static List<ContentBlockParam> blocks(Message.AssistantMessage a) {
        var out = new ArrayList<ContentBlockParam>();
        for (Content c : a.content()) {
            switch (c) {
                case Content.Reasoning r when r.redacted() && r.signature() != null ->
                        out.add(ContentBlockParam.ofRedactedThinking(RedactedThinkingBlockParam.builder().data(r.signature()).build()));
                case Content.Reasoning r when r.signature() != null ->
                        out.add(ContentBlockParam.ofThinking(ThinkingBlockParam.builder().thinking(r.reasoning()).signature(r.signature()).build()));
                case Content.Reasoning r -> { } // unsigned reasoning (another model's, or edited) would be rejected
                case Content.Text t -> {
                    String text = a.toolCalls().isEmpty() ? t.text().stripTrailing() : t.text();
                    if (!text.isEmpty()) out.add(ContentBlockParam.ofText(text));
                }
            }
        }
        for (ToolCall call : a.toolCalls()) {
            out.add(ContentBlockParam.ofToolUse(ToolUseBlockParam.builder().id(call.id()).name(call.function())
                    .input(JsonValue.from(call.arguments())).build()));
        }
        return out;
    }

    private static Tool tool(ToolSpec t) {
        var schema = Tool.InputSchema.builder();
        Object props = t.parameters().get("properties");
        schema.properties(JsonValue.from(props == null ? Map.of() : props));
        if (t.parameters().get("required") instanceof List<?> required) required.forEach(r -> schema.addRequired(String.valueOf(r)));
        t.parameters().forEach((k, v) -> {
            if (!List.of("type", "properties", "required").contains(k)) schema.putAdditionalProperty(k, JsonValue.from(v));
        });
        return Tool.builder().name(t.name()).description(t.description()).inputSchema(schema.build()).build();
    }

    private Generation read(com.anthropic.models.messages.Message m, String prefill) {
        var content = new ArrayList<Content>();
        var calls = new ArrayList<ToolCall>();
        var text = new StringBuilder(prefill == null ? "" : prefill);
        for (ContentBlock b : m.content()) {
            if (b.isThinking()) {
                content.add(new Content.Reasoning(b.asThinking().thinking(), null, b.asThinking().signature(), false));
            } else if (b.isRedactedThinking()) {
                content.add(new Content.Reasoning("", null, b.asRedactedThinking().data(), true));
            } else if (b.isText()) {
                text.append(b.asText().text());
            } else if (b.isToolUse()) {
                var use = b.asToolUse();
                @SuppressWarnings("unchecked")
                Map<String, Object> args = use._input().convert(LinkedHashMap.class);
                calls.add(new ToolCall(use.id(), use.name(), args));
            }
        }
        if (!text.isEmpty()) content.add(new Content.Text(text.toString()));
        String reason = m.stopReason().map(r -> r.asString()).orElse("end_turn");
        StopReason stop = !calls.isEmpty() ? StopReason.TOOL_CALLS : switch (reason) {
            case "max_tokens" -> StopReason.MAX_TOKENS;
            case "refusal" -> StopReason.CONTENT_FILTER;
            default -> StopReason.STOP;
        };
        var u = m.usage();
        Long write = u.cacheCreationInputTokens().orElse(null);
        Long read = u.cacheReadInputTokens().orElse(null);
        long total = u.inputTokens() + u.outputTokens() + (write == null ? 0 : write) + (read == null ? 0 : read);
        // Anthropic does not count thinking tokens apart; they are part of output_tokens.
        var usage = new Usage(u.inputTokens(), u.outputTokens(), total, write, read, null, null);
        return new Generation(new Message.AssistantMessage(content, calls, name, Map.of()), usage, stop);
    }

    private <T> T call(Supplier<T> request) throws ModelException {
        try {
            return request.get();
        } catch (AnthropicServiceException e) {
            throw HttpFailures.status(PROVIDER, e.statusCode(), h -> e.headers().values(h).stream().findFirst().orElse(null), e.getMessage(), e);
        } catch (AnthropicIoException e) {
            throw HttpFailures.io(PROVIDER, e);
        } catch (AnthropicInvalidDataException e) {
            throw HttpFailures.unreadable(PROVIDER, e);
        }
    }
}
