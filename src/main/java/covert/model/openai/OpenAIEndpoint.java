package covert.model.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import covert.UserError;
import covert.model.ApiKeys;
import covert.model.HttpFailures;
import covert.model.ModelContext;
import covert.model.ModelException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * One OpenAI SDK client for a base URL and key. The SDK's own retries are off ({@code maxRetries(0)}): retries,
 * backoff and rate limits belong to the shared middleware, which must see every 429 to adapt. Calls are the SDK's
 * synchronous ones, made on the sample's virtual thread, so OkHttp's async dispatcher cap (64) never applies.
 */
final class OpenAIEndpoint {
    static final String OPENAI_BASE = "https://api.openai.com/v1";

    final String provider;
    final String baseUrl;
    final OpenAIClient client;
    private final String fingerprint;

    private OpenAIEndpoint(String provider, String baseUrl, OpenAIClient client, String fingerprint) {
        this.provider = provider;
        this.baseUrl = baseUrl;
        this.client = client;
        this.fingerprint = fingerprint;
    }

    static OpenAIEndpoint create(String provider, String model, ModelContext ctx, String baseUrl) {
        boolean local = baseUrl != null && ApiKeys.loopback(baseUrl);
        String key = ApiKeys.resolve(ctx, "OPENAI_API_KEY", provider + "/" + model, local);
        String base = baseUrl == null ? OPENAI_BASE : baseUrl.replaceAll("/+$", "");
        long timeout;
        try {
            timeout = Long.parseLong(ctx.arg("timeout", "600"));
        } catch (NumberFormatException e) {
            throw new UserError("-M timeout must be a number of seconds, got '" + ctx.args().get("timeout") + "'");
        }
        var client = OpenAIOkHttpClient.builder()
                .baseUrl(base)
                .apiKey(key == null ? "none" : key)
                .maxRetries(0)
                .timeout(Duration.ofSeconds(timeout))
                .build();
        return new OpenAIEndpoint(provider, base, client, ApiKeys.fingerprint(key));
    }

    String endpoint() {
        return provider + " " + baseUrl;
    }

    String account() {
        return endpoint() + " key:" + fingerprint;
    }

    /** Runs one SDK call and the reading of its result, translating every SDK failure into a {@link ModelException}. */
    <T> T call(Supplier<T> request) throws ModelException {
        try {
            return request.get();
        } catch (OpenAIServiceException e) {
            throw HttpFailures.status(provider, e.statusCode(), h -> first(e.headers().values(h)), e.getMessage(), e);
        } catch (OpenAIIoException e) {
            throw HttpFailures.io(provider, e);
        } catch (OpenAIInvalidDataException e) {
            throw HttpFailures.unreadable(provider, e);
        }
    }

    private static String first(List<String> values) {
        return values.isEmpty() ? null : values.getFirst();
    }
}
