package covert.cli;

import covert.run.ProviderOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options for reaching real models, shared by the verbs that call them (run, forecast). */
final class ProviderMixin {
    @Option(names = "--base-url", description = "Server for the target model, e.g. http://127.0.0.1:8000/v1 for openai-compatible/ (vLLM, Ollama, llama.cpp).")
    String baseUrl;

    @Option(names = "--api-key-env", paramLabel = "NAME",
            description = "Environment variable holding the target's API key (default OPENAI_API_KEY or ANTHROPIC_API_KEY). The key is never logged.")
    String apiKeyEnv;

    @Option(names = "--model-role", paramLabel = "ROLE=PROVIDER/MODEL",
            description = "Bind another role, e.g. grader=anthropic/claude-sonnet-4-5 or auditor=openai/gpt-5 (repeatable). Usage is logged per role.")
    Map<String, String> roles = new LinkedHashMap<>();

    @Option(names = "--cache", arity = "0..1", paramLabel = "DIR", fallbackValue = "",
            description = "Cache responses on disk (default ~/.cache/covert/responses); a re-run with the same cache makes no requests.")
    String cache;

    @Option(names = "--max-cost", paramLabel = "USD", description = "Stop starting new samples once this many dollars are spent (needs a price for the model).")
    Double maxCost;

    @Option(names = "--max-connections", defaultValue = "" + ProviderOptions.DEFAULT_MAX_CONNECTIONS,
            description = "Ceiling of concurrent requests per provider account; the adaptive limiter starts at 20 below it. Default: ${DEFAULT-VALUE}.")
    int maxConnections;

    @Option(names = "--price-table", paramLabel = "FILE", description = "JSON prices per million tokens that add to or replace the built-in table.")
    Path priceTable;

    @Option(names = "--max-retry-after", paramLabel = "SECONDS",
            description = "Longest Retry-After wait honoured; a server asking for more fails the attempt as rate-limited. Default: 120.")
    Integer maxRetryAfter;

    ProviderOptions options() {
        String cacheDir = cache == null ? null : cache.isEmpty() ? defaultCache().toString() : Path.of(cache).toAbsolutePath().toString();
        return new ProviderOptions(baseUrl, apiKeyEnv, roles, cacheDir, maxCost, maxConnections,
                priceTable == null ? null : priceTable.toAbsolutePath().toString(), null, null, maxRetryAfter);
    }

    static Path defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("covert").resolve("responses");
    }
}
