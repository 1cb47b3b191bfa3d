package covert.model.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import covert.UserError;
import covert.model.ApiKeys;
import covert.model.GenerateConfig;
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
    static final int IDLE_CONNECTIONS = 1024;
    /** Per-call {@code max_tokens} on compatible servers when {@code -M max_tokens} is not given: fits a 16k context with room for the prompt. */
    static final int DEFAULT_MAX_TOKENS = 4096;

    final String provider;
    final String baseUrl;
    final OpenAIClient client;
    /** The model's {@code -M} generation settings, applied to every call that leaves them unset. */
    final GenerateConfig defaults;
    final long timeoutSeconds;
    private final String fingerprint;

    private OpenAIEndpoint(String provider, String baseUrl, OpenAIClient client, String fingerprint, GenerateConfig defaults, long timeoutSeconds) {
        this.provider = provider;
        this.baseUrl = baseUrl;
        this.client = client;
        this.fingerprint = fingerprint;
        this.defaults = defaults;
        this.timeoutSeconds = timeoutSeconds;
    }

    static OpenAIEndpoint create(String provider, String model, ModelContext ctx, String baseUrl) {
        boolean local = baseUrl != null && ApiKeys.loopback(baseUrl);
        String key = ApiKeys.resolve(ctx, "OPENAI_API_KEY", provider + "/" + model, local);
        String base = baseUrl == null ? OPENAI_BASE : baseUrl.replaceAll("/+$", "");
        long timeout;
        try {
            timeout = Long.parseLong(ctx.arg("timeout", "600"));
        } catch (NumberFormatException e) {
            timeout = 0;
        }
        if (timeout < 1) throw new UserError("-M timeout must be a whole number of seconds (at least 1), got '" + ctx.args().get("timeout") + "'");
        var defaults = GenerateConfig.fromArgs(ctx.args());
        // A local server generates until its context is full unless told otherwise; one reply then overflows the next request.
        if (!provider.equals("openai") && defaults.maxTokens() == null) defaults = defaults.withMaxTokens(DEFAULT_MAX_TOKENS);
        return new OpenAIEndpoint(provider, base, client(base, key == null ? "none" : key, Duration.ofSeconds(timeout)), ApiKeys.fingerprint(key),
                defaults, timeout);
    }

    /**
     * The SDK's client over an OkHttp client whose connection pool keeps up to {@link #IDLE_CONNECTIONS} idle
     * connections. The SDK's builder has no pool setting and OkHttp's default keeps 5, so at hundreds of requests in
     * flight most finished connections were closed and reopened (measured: 1,787 TCP connections for 8,000 calls at
     * 500 in flight). The SDK's OkHttp adapter has only a private constructor; if that ever changes, the default
     * client is used.
     */
    static OpenAIClient client(String base, String key, Duration timeout) {
        try {
            var okhttp = new okhttp3.OkHttpClient.Builder()
                    .connectTimeout(Duration.ofMinutes(1)).readTimeout(timeout).writeTimeout(timeout).callTimeout(timeout)
                    .connectionPool(new okhttp3.ConnectionPool(IDLE_CONNECTIONS, 5, java.util.concurrent.TimeUnit.MINUTES))
                    .build();
            var adapter = com.openai.client.okhttp.OkHttpClient.class.getDeclaredConstructor(okhttp3.OkHttpClient.class);
            adapter.setAccessible(true);
            var options = com.openai.core.ClientOptions.builder().httpClient(adapter.newInstance(okhttp)).baseUrl(base).apiKey(key)
                    .maxRetries(0).timeout(timeout).build();
            return new com.openai.client.OpenAIClientImpl(options);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return OpenAIOkHttpClient.builder().baseUrl(base).apiKey(key).maxRetries(0).timeout(timeout).build();
        }
    }

    String endpoint() {
        return provider + " " + baseUrl;
    }

    String account() {
        return endpoint() + " key:" + fingerprint;
    }

    /** Runs one SDK call and the reading of its result, translating every SDK failure into a {@link ModelException}. */
    <T> T call(Supplier<T> request) throws ModelException {
        long start = System.nanoTime();
        try {
            return request.get();
        } catch (OpenAIServiceException e) {
            throw HttpFailures.status(provider, e.statusCode(), h -> first(e.headers().values(h)), e.getMessage(), e);
        } catch (OpenAIIoException e) {
            // OkHttp's call timeout cancels the call, which surfaces as "Socket closed": name it for what it is.
            if (System.nanoTime() - start >= timeoutSeconds * 950_000_000L) throw HttpFailures.timeout(provider, timeoutSeconds, e);
            throw HttpFailures.io(provider, e);
        } catch (OpenAIInvalidDataException e) {
            throw HttpFailures.unreadable(provider, e);
        }
    }

    /** {@code GET /models}: unreachable, unauthorized or a model the server does not list is a {@link UserError}. */
    void preflight(String model) {
        List<String> served;
        long start = System.nanoTime();
        try {
            var options = com.openai.core.RequestOptions.builder().timeout(Duration.ofSeconds(Math.min(timeoutSeconds, PREFLIGHT_SECONDS))).build();
            served = client.models().list(com.openai.models.models.ModelListParams.none(), options).data().stream()
                    .map(com.openai.models.models.Model::id).toList();
        } catch (OpenAIServiceException e) {
            if (e.statusCode() == 401 || e.statusCode() == 403) {
                throw new UserError(provider + " at " + baseUrl + " refused the API key (HTTP " + e.statusCode() + "); check the key or --api-key-env");
            }
            return; // a server without a model list (404 and the like): the first request will tell
        } catch (OpenAIIoException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            String why = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName().replace("Exception", "").toLowerCase(java.util.Locale.ROOT);
            if (System.nanoTime() - start >= Math.min(timeoutSeconds, PREFLIGHT_SECONDS) * 950_000_000L) why = "no answer within " + Math.min(timeoutSeconds, PREFLIGHT_SECONDS) + " s";
            throw new UserError("cannot reach " + provider + " at " + baseUrl + ": " + why + "; is the server running? (checked before any sample ran)");
        } catch (RuntimeException e) {
            return; // a list the SDK cannot read: not proof of a problem
        }
        if (!served.isEmpty() && !served.contains(model)) {
            throw new UserError("model '" + model + "' is not served at " + baseUrl + " (served: "
                    + String.join(", ", served.subList(0, Math.min(10, served.size()))) + (served.size() > 10 ? ", ..." : "") + ")");
        }
    }

    static final long PREFLIGHT_SECONDS = 20;

    private static String first(List<String> values) {
        return values.isEmpty() ? null : values.getFirst();
    }
}
