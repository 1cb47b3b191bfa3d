package covert.model.openai;

import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ReasoningEffort;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageParam;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionSystemMessageParam;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.chat.completions.ChatCompletionUserMessageParam;
import com.openai.models.completions.CompletionUsage;
import covert.model.Content;
import covert.model.GenerateConfig;
import covert.model.Generation;
import covert.model.Message;
import covert.model.ModelException;
import covert.model.StopReason;
import covert.model.ToolCall;
import covert.model.ToolSpec;
import covert.model.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Chat Completions API, for {@code openai/} chat models and every {@code openai-compatible/} server. Servers that
 * expose the chain of thought (vLLM's reasoning parsers, DeepSeek, OpenRouter) put it in a non-standard
 * {@code reasoning_content} or {@code reasoning} field of the message; it is captured as reasoning content. It is not
 * sent back on later turns: DeepSeek rejects it there, and the others ignore it.
 */
final class ChatCompletionsModel extends OpenAIModel {
    static final List<String> REASONING_FIELDS = List.of("reasoning_content", "reasoning");

    private final String reasoningEffort;
    private final boolean official;

    ChatCompletionsModel(String name, String model, OpenAIEndpoint endpoint, String reasoningEffort, boolean official) {
        super(name, model, endpoint);
        this.reasoningEffort = reasoningEffort;
        this.official = official;
    }

    @Override
    public Generation generate(List<Message> messages, List<ToolSpec> tools, GenerateConfig config) throws ModelException {
        if (!messages.isEmpty() && messages.getLast() instanceof Message.AssistantMessage) {
            throw new ModelException(name + " cannot continue a given assistant turn over Chat Completions");
        }
        config = config.orElse(endpoint.defaults);
        var params = ChatCompletionCreateParams.builder().model(model);
        for (Message m : messages) params.addMessage(param(m));
        for (ToolSpec t : tools) params.addTool(tool(t));
        if (config.maxTokens() != null) {
            if (official) params.maxCompletionTokens(config.maxTokens().longValue());
            else params.maxTokens(config.maxTokens().longValue());
        }
        if (config.temperature() != null) params.temperature(config.temperature());
        if (config.topP() != null) params.topP(config.topP());
        if (config.stop() != null && !config.stop().isEmpty()) params.stopOfStrings(config.stop());
        String effort = config.reasoningEffort() != null ? config.reasoningEffort() : reasoningEffort;
        if (effort != null) params.reasoningEffort(ReasoningEffort.of(effort));
        if (config.seed() != null && !official) params.putAdditionalBodyProperty("seed", JsonValue.from(config.seed()));
        var request = params.build();
        return endpoint.call(() -> read(endpoint.client.chat().completions().create(request)));
    }

    static ChatCompletionFunctionTool tool(ToolSpec t) {
        return ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder()
                .name(t.name())
                .description(t.description())
                .parameters(FunctionParameters.builder().putAllAdditionalProperties(Args.values(t.parameters())).build())
                .build()).build();
    }

    static ChatCompletionMessageParam param(Message m) {
        return switch (m) {
            case Message.SystemMessage s -> ChatCompletionMessageParam.ofSystem(ChatCompletionSystemMessageParam.builder().content(s.content()).build());
            case Message.UserMessage u -> ChatCompletionMessageParam.ofUser(ChatCompletionUserMessageParam.builder().content(u.content()).build());
            case Message.ToolMessage t -> ChatCompletionMessageParam.ofTool(ChatCompletionToolMessageParam.builder()
                    .toolCallId(t.toolCallId()).content(t.content()).build());
            case Message.AssistantMessage a -> {
                var b = ChatCompletionAssistantMessageParam.builder();
                if (!a.text().isEmpty() || a.toolCalls().isEmpty()) b.content(a.text());
                for (ToolCall c : a.toolCalls()) {
                    b.addToolCall(ChatCompletionMessageFunctionToolCall.builder().id(c.id())
                            .function(ChatCompletionMessageFunctionToolCall.Function.builder().name(c.function()).arguments(Args.json(c.arguments())).build())
                            .build());
                }
                yield ChatCompletionMessageParam.ofAssistant(b.build());
            }
        };
    }

    private Generation read(ChatCompletion completion) {
        if (completion.choices().isEmpty()) throw new com.openai.errors.OpenAIInvalidDataException("the response has no choices (`choices` is empty)");
        ChatCompletion.Choice choice = completion.choices().getFirst();
        ChatCompletionMessage m = choice.message();
        var content = new ArrayList<Content>();
        for (String field : REASONING_FIELDS) {
            if (m._additionalProperties().get(field) instanceof com.openai.core.JsonString s && !s.value().isEmpty()) {
                content.add(Content.Reasoning.of(s.value()));
                break;
            }
        }
        m.content().filter(t -> !t.isEmpty()).ifPresent(t -> content.add(new Content.Text(t)));
        var calls = new ArrayList<ToolCall>();
        for (ChatCompletionMessageToolCall c : m.toolCalls().orElse(List.of())) {
            if (!c.isFunction()) continue;
            var f = c.asFunction();
            calls.add(Args.call(f.id(), f.function().name(), f.function().arguments()));
        }
        var message = new Message.AssistantMessage(content, calls, name, Map.of());
        StopReason stop = !calls.isEmpty() ? StopReason.TOOL_CALLS : switch (choice.finishReason().asString()) {
            case "length" -> StopReason.MAX_TOKENS;
            case "content_filter" -> StopReason.CONTENT_FILTER;
            default -> StopReason.STOP;
        };
        return new Generation(message, completion.usage().map(ChatCompletionsModel::usage).orElse(Usage.ZERO), stop);
    }

    /** Inspect counts OpenAI's cached prompt tokens apart: {@code input_tokens} here excludes them. */
    static Usage usage(CompletionUsage u) {
        Long cached = u.promptTokensDetails().flatMap(CompletionUsage.PromptTokensDetails::cachedTokens).orElse(null);
        Long reasoning = u.completionTokensDetails().flatMap(CompletionUsage.CompletionTokensDetails::reasoningTokens).orElse(null);
        long input = u.promptTokens() - (cached == null ? 0 : cached);
        return new Usage(input, u.completionTokens(), u.promptTokens() + u.completionTokens(), null, cached, reasoning, null);
    }
}
