package covert.model.openai;

import com.openai.models.Reasoning;
import com.openai.models.ReasoningEffort;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseIncludable;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseReasoningItem;
import com.openai.models.responses.ResponseUsage;
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
import java.util.stream.Collectors;

/**
 * The Responses API, for OpenAI's reasoning models. Reasoning summaries are requested, and the request is stateless
 * ({@code store: false}) with {@code reasoning.encrypted_content} included: each reasoning item comes back with its
 * encrypted chain of thought, is kept as {@link Content.Reasoning} (summary as text, ciphertext as signature, item id
 * as internal) and is sent back verbatim on every later turn, so the model keeps its own reasoning across tool calls.
 */
final class ResponsesModel extends OpenAIModel {
    private final String reasoningEffort;
    private final String summary;

    ResponsesModel(String name, String model, OpenAIEndpoint endpoint, String reasoningEffort, String summary) {
        super(name, model, endpoint);
        this.reasoningEffort = reasoningEffort;
        this.summary = summary;
    }

    @Override
    public Generation generate(List<Message> messages, List<ToolSpec> tools, GenerateConfig config) throws ModelException {
        if (!messages.isEmpty() && messages.getLast() instanceof Message.AssistantMessage) {
            throw new ModelException(name + " cannot continue a given assistant turn: its reasoning is encrypted");
        }
        config = config.orElse(endpoint.defaults);
        var input = new ArrayList<ResponseInputItem>();
        for (Message m : messages) input.addAll(items(m));
        var reasoning = Reasoning.builder().summary(Reasoning.Summary.of(summary));
        String effort = config.reasoningEffort() != null ? config.reasoningEffort() : reasoningEffort;
        if (effort != null) reasoning.effort(ReasoningEffort.of(effort));
        var params = ResponseCreateParams.builder().model(model).inputOfResponse(input).reasoning(reasoning.build())
                .addInclude(ResponseIncludable.REASONING_ENCRYPTED_CONTENT).store(false);
        for (ToolSpec t : tools) {
            params.addTool(FunctionTool.builder().name(t.name()).description(t.description()).strict(false)
                    .parameters(FunctionTool.Parameters.builder().putAllAdditionalProperties(Args.values(t.parameters())).build()).build());
        }
        if (config.maxTokens() != null) params.maxOutputTokens(config.maxTokens().longValue());
        if (config.temperature() != null) params.temperature(config.temperature());
        if (config.topP() != null) params.topP(config.topP());
        var request = params.build();
        return endpoint.call(() -> read(endpoint.client.responses().create(request)));
    }

    private static List<ResponseInputItem> items(Message m) {
        return switch (m) {
            case Message.SystemMessage s -> List.of(easy(EasyInputMessage.Role.DEVELOPER, s.content()));
            case Message.UserMessage u -> List.of(easy(EasyInputMessage.Role.USER, u.content()));
            case Message.ToolMessage t -> List.of(ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                    .callId(t.toolCallId()).output(t.content()).build()));
            case Message.AssistantMessage a -> {
                var out = new ArrayList<ResponseInputItem>();
                for (Content c : a.content()) {
                    switch (c) {
                        case Content.Reasoning r when r.signature() != null -> out.add(ResponseInputItem.ofReasoning(reasoningItem(r)));
                        case Content.Reasoning r -> { } // reasoning without its ciphertext cannot be replayed
                        case Content.Text t -> out.add(easy(EasyInputMessage.Role.ASSISTANT, t.text()));
                    }
                }
                for (ToolCall c : a.toolCalls()) {
                    out.add(ResponseInputItem.ofFunctionCall(ResponseFunctionToolCall.builder().callId(c.id()).name(c.function())
                            .arguments(Args.json(c.arguments())).build()));
                }
                yield out;
            }
        };
    }

    private static ResponseReasoningItem reasoningItem(Content.Reasoning r) {
        var b = ResponseReasoningItem.builder().id(String.valueOf(r.internal())).encryptedContent(r.signature()).summary(List.of());
        if (r.summary() != null && !r.summary().isEmpty()) {
            for (String part : r.summary().split("\n\n")) b.addSummary(ResponseReasoningItem.Summary.builder().text(part).build());
        }
        return b.build();
    }

    private static ResponseInputItem easy(EasyInputMessage.Role role, String text) {
        return ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder().role(role).content(text).build());
    }

    private Generation read(Response r) {
        var content = new ArrayList<Content>();
        var calls = new ArrayList<ToolCall>();
        for (ResponseOutputItem item : r.output()) {
            if (item.isReasoning()) {
                ResponseReasoningItem ri = item.asReasoning();
                String summaryText = ri.summary().stream().map(ResponseReasoningItem.Summary::text).collect(Collectors.joining("\n\n"));
                String raw = ri.content().map(cs -> cs.stream().map(ResponseReasoningItem.Content::text).collect(Collectors.joining("\n\n"))).orElse("");
                String visible = raw.isEmpty() ? summaryText : raw;
                String cipher = ri.encryptedContent().orElse(null);
                content.add(new Content.Reasoning(visible, summaryText.isEmpty() ? null : summaryText, cipher,
                        visible.isEmpty() && cipher != null, ri.id()));
            } else if (item.isMessage()) {
                for (var part : item.asMessage().content()) if (part.isOutputText()) content.add(new Content.Text(part.asOutputText().text()));
            } else if (item.isFunctionCall()) {
                var f = item.asFunctionCall();
                calls.add(Args.call(f.callId(), f.name(), f.arguments()));
            }
        }
        boolean truncated = r.incompleteDetails().flatMap(Response.IncompleteDetails::reason)
                .map(x -> x.asString().equals("max_output_tokens")).orElse(false);
        StopReason stop = !calls.isEmpty() ? StopReason.TOOL_CALLS : truncated ? StopReason.MAX_TOKENS : StopReason.STOP;
        var message = new Message.AssistantMessage(content, calls, name, Map.of());
        return new Generation(message, r.usage().map(ResponsesModel::usage).orElse(Usage.ZERO), stop);
    }

    /** Only the token counts are needed; the detail objects are optional (llama-server and other compatible servers omit them). */
    private static Usage usage(ResponseUsage u) {
        long cached = u._inputTokensDetails().asKnown().flatMap(d -> d._cachedTokens().asKnown()).orElse(0L);
        Long reasoning = u._outputTokensDetails().asKnown().flatMap(d -> d._reasoningTokens().asKnown()).orElse(null);
        long in = u._inputTokens().asKnown().orElse(0L), out = u._outputTokens().asKnown().orElse(0L);
        return new Usage(in - cached, out, u._totalTokens().asKnown().orElse(in + out), null, cached, reasoning, null);
    }
}
