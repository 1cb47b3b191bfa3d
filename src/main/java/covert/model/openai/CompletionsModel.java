package covert.model.openai;

import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import covert.model.GenerateConfig;
import covert.model.Generation;
import covert.model.Message;
import covert.model.ModelException;
import covert.model.StopReason;
import covert.model.ToolSpec;
import covert.model.Usage;
import java.util.List;

/**
 * An open model through the raw {@code /v1/completions} endpoint, with the prompt rendered by {@link ChatMlTemplate}.
 * It is the one real provider that can continue from an edited chain of thought ({@link Continuation#REASONING_PREFIX}).
 */
final class CompletionsModel extends OpenAIModel {
    static final long DEFAULT_MAX_TOKENS = 4096;

    CompletionsModel(String name, String model, OpenAIEndpoint endpoint) {
        super(name, model, endpoint);
    }

    @Override
    public String endpoint() {
        return endpoint.endpoint() + " completions chatml";
    }

    @Override
    public Continuation continuation() {
        return Continuation.REASONING_PREFIX;
    }

    @Override
    public Generation generate(List<Message> messages, List<ToolSpec> tools, GenerateConfig config) throws ModelException {
        config = config.orElse(endpoint.defaults);
        var prompt = ChatMlTemplate.render(messages, tools);
        var params = CompletionCreateParams.builder().model(model).prompt(prompt.text())
                .maxTokens(config.maxTokens() == null ? DEFAULT_MAX_TOKENS : config.maxTokens().longValue())
                .stopOfStrings(config.stop() == null ? List.of(ChatMlTemplate.END)
                        : java.util.stream.Stream.concat(java.util.stream.Stream.of(ChatMlTemplate.END), config.stop().stream()).distinct().toList());
        if (config.temperature() != null) params.temperature(config.temperature());
        if (config.topP() != null) params.topP(config.topP());
        if (config.seed() != null) params.seed(config.seed());
        var request = params.build();
        long turn = messages.stream().filter(Message.AssistantMessage.class::isInstance).count();
        return endpoint.call(() -> {
            Completion c = endpoint.client.completions().create(request);
            if (c.choices().isEmpty()) throw new com.openai.errors.OpenAIInvalidDataException("the response has no choices (`choices` is empty)");
            var choice = c.choices().getFirst();
            var message = ChatMlTemplate.parse(prompt, choice.text(), name, "call_" + turn + "_");
            StopReason stop = !message.toolCalls().isEmpty() ? StopReason.TOOL_CALLS
                    : choice.finishReason().asString().equals("length") ? StopReason.MAX_TOKENS : StopReason.STOP;
            return new Generation(message, c.usage().map(ChatCompletionsModel::usage).orElse(Usage.ZERO), stop);
        });
    }
}
