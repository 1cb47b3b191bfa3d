package covert.model.openai;

import covert.UserError;
import covert.model.Model;
import covert.model.ModelContext;
import covert.model.ModelProvider;

/**
 * {@code openai-compatible/<model> --base-url URL}: vLLM, SGLang, Ollama, llama.cpp server, OpenRouter, Together and
 * any other server that speaks OpenAI's API. Chat Completions by default, with {@code reasoning_content} /
 * {@code reasoning} captured; {@code -M api=responses} for servers with a Responses endpoint; {@code -M template=chatml}
 * for the raw {@code /v1/completions} endpoint with a ChatML + {@code <think>} prompt, the mode that can continue an
 * edited chain of thought. The key comes from {@code OPENAI_API_KEY} or {@code --api-key-env}; a server on this
 * machine needs none.
 */
public final class OpenAICompatibleProvider implements ModelProvider {
    static final java.util.Set<String> KEYS = java.util.Set.of("api", "template", "reasoning_effort", "reasoning_summary", "timeout");

    @Override
    public String prefix() {
        return "openai-compatible";
    }

    @Override
    public Model create(String name, ModelContext ctx) {
        if (ctx.baseUrl() == null) throw new UserError(prefix() + "/" + name + " needs --base-url, e.g. --base-url http://127.0.0.1:8000/v1");
        if (!ctx.baseUrl().matches("https?://.+")) throw new UserError("--base-url must start with http:// or https://, got '" + ctx.baseUrl() + "'");
        covert.model.GenerateConfig.requireKnown(prefix(), ctx.args(), KEYS);
        String full = prefix() + "/" + name;
        var endpoint = OpenAIEndpoint.create(prefix(), name, ctx, ctx.baseUrl());
        String template = ctx.args().get("template");
        if (template != null) {
            if (!template.equals("chatml")) throw new UserError("-M template must be chatml (ChatML with <think> and Hermes tool calls), got '" + template + "'");
            return new CompletionsModel(full, name, endpoint);
        }
        String api = ctx.arg("api", "chat");
        return switch (api) {
            case "chat" -> new ChatCompletionsModel(full, name, endpoint, OpenAIProvider.effort(ctx), false);
            case "responses" -> new ResponsesModel(full, name, endpoint, OpenAIProvider.effort(ctx), ctx.arg("reasoning_summary", "auto"));
            default -> throw new UserError("-M api must be chat or responses, got '" + api + "'");
        };
    }
}
