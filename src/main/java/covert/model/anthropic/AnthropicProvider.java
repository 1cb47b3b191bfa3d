package covert.model.anthropic;

import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import covert.UserError;
import covert.model.ApiKeys;
import covert.model.Model;
import covert.model.ModelContext;
import covert.model.ModelProvider;
import java.time.Duration;

/**
 * {@code anthropic/<model>}: Claude through the official SDK, key from {@code ANTHROPIC_API_KEY} (or
 * {@code --api-key-env}). {@code -M reasoning_tokens=N} turns on extended thinking with a budget of N tokens;
 * {@code -M timeout=SECONDS} bounds one request. The SDK's own retries are off: the shared middleware retries.
 */
public final class AnthropicProvider implements ModelProvider {
    static final String BASE = "https://api.anthropic.com";

    @Override
    public String prefix() {
        return AnthropicModel.PROVIDER;
    }

    @Override
    public Model create(String name, ModelContext ctx) {
        covert.model.GenerateConfig.requireKnown(prefix(), ctx.args(), java.util.Set.of("reasoning_tokens", "timeout"));
        var defaults = covert.model.GenerateConfig.fromArgs(ctx.args());
        String key = ApiKeys.resolve(ctx, "ANTHROPIC_API_KEY", prefix() + "/" + name, false);
        // The Messages API lives at the root: a base URL given with OpenAI's "/v1" habit would double it.
        String base = ctx.baseUrl() == null ? BASE : ctx.baseUrl().replaceAll("/+$", "").replaceAll("/v1$", "");
        Long budget = number(ctx, "reasoning_tokens");
        if (budget != null && budget < 1024) throw new UserError("-M reasoning_tokens must be at least 1024 (the API's minimum thinking budget)");
        long timeout = number(ctx, "timeout") == null ? 600 : number(ctx, "timeout");
        var client = AnthropicOkHttpClient.builder()
                .baseUrl(base)
                .apiKey(key)
                .putHeader("X-Api-Key", key) // the Messages API's documented auth header; suppresses the SDK's Bearer form
                .maxRetries(0)
                .timeout(Duration.ofSeconds(timeout))
                .build();
        return new AnthropicModel(name, client, base, ApiKeys.fingerprint(key), budget, defaults);
    }

    private static Long number(ModelContext ctx, String key) {
        String v = ctx.args().get(key);
        if (v == null) return null;
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new UserError("-M " + key + " must be a whole number, got '" + v + "'");
        }
    }
}
