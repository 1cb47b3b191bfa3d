package covert.model.openai;

import covert.UserError;
import covert.model.Model;
import covert.model.ModelContext;
import covert.model.ModelProvider;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code openai/<model>}: OpenAI's API through the official SDK. Reasoning models (o-series, gpt-5, codex) use the
 * Responses API with summaries and encrypted reasoning; others use Chat Completions. {@code -M api=responses|chat}
 * overrides the choice, {@code -M reasoning_effort=low|medium|high} sets the effort and {@code -M reasoning_summary}
 * the summary detail (auto, concise, detailed). {@code --base-url} points it at a proxy or Azure-style gateway.
 */
public final class OpenAIProvider implements ModelProvider {
    private static final Pattern REASONING = Pattern.compile("^(o\\d.*|gpt-5.*|codex.*|.*-codex.*)$");
    static final Set<String> KEYS = Set.of("api", "reasoning_effort", "reasoning_summary", "timeout");
    static final Set<String> EFFORTS = Set.of("none", "minimal", "low", "medium", "high", "xhigh");

    @Override
    public String prefix() {
        return "openai";
    }

    @Override
    public Model create(String name, ModelContext ctx) {
        covert.model.GenerateConfig.requireKnown(prefix(), ctx.args(), KEYS);
        String api = ctx.arg("api", REASONING.matcher(name).matches() ? "responses" : "chat");
        String effort = effort(ctx);
        var endpoint = OpenAIEndpoint.create(prefix(), name, ctx, ctx.baseUrl());
        return switch (api) {
            case "responses" -> new ResponsesModel(prefix() + "/" + name, name, endpoint, effort, ctx.arg("reasoning_summary", "auto"));
            case "chat" -> new ChatCompletionsModel(prefix() + "/" + name, name, endpoint, effort, true);
            default -> throw new UserError("-M api must be responses or chat, got '" + api + "'");
        };
    }

    static String effort(ModelContext ctx) {
        String effort = ctx.args().get("reasoning_effort");
        if (effort != null && !EFFORTS.contains(effort)) throw new UserError("-M reasoning_effort must be one of " + EFFORTS + ", got '" + effort + "'");
        return effort;
    }
}
