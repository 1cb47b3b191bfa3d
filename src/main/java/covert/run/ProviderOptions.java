package covert.run;

import covert.UserError;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a run reaches real models: the target's {@code --base-url} and {@code --api-key-env} (the variable's name,
 * never the key), other roles ({@code --model-role grader=provider/model}), the response cache directory, the cost
 * ceiling, the per-account connection cap and a price-table override. Stored in the log with the rest of the config.
 */
public record ProviderOptions(String baseUrl, String apiKeyEnv, Map<String, String> roles, String cacheDir, Double maxCost,
                              int maxConnections, String priceTable, String sandbox, Long commandTimeout, Integer maxRetryAfter) {
    public static final int DEFAULT_MAX_CONNECTIONS = 100;
    public static final ProviderOptions DEFAULT = new ProviderOptions(null, null, Map.of(), null, null, DEFAULT_MAX_CONNECTIONS, null, null, null, null);

    /** The longest {@code Retry-After} a server may ask for before the attempt fails as rate-limited. */
    public java.time.Duration retryAfterCap() {
        return maxRetryAfter == null ? covert.model.middleware.RetryPolicy.MAX_RETRY_AFTER : java.time.Duration.ofSeconds(maxRetryAfter);
    }

    public ProviderOptions(String baseUrl, String apiKeyEnv, Map<String, String> roles, String cacheDir, Double maxCost,
                           int maxConnections, String priceTable) {
        this(baseUrl, apiKeyEnv, roles, cacheDir, maxCost, maxConnections, priceTable, null, null, null);
    }

    /** The same options with where the agent's commands run ({@code --sandbox}, {@code --command-timeout}). */
    public ProviderOptions withSandbox(String choice, Long timeoutSeconds) {
        return new ProviderOptions(baseUrl, apiKeyEnv, roles, cacheDir, maxCost, maxConnections, priceTable, choice, timeoutSeconds, maxRetryAfter);
    }

    /** The per-command bounds these options ask for. */
    public covert.sandbox.Bounds bounds() {
        return commandTimeout == null ? covert.sandbox.Bounds.DEFAULT
                : covert.sandbox.Bounds.DEFAULT.withWallClock(java.time.Duration.ofSeconds(commandTimeout));
    }

    public ProviderOptions {
        roles = roles == null ? Map.of() : new TreeMap<>(roles);
        if (sandbox != null) covert.sandbox.Sandboxes.Choice.parse(sandbox);
        if (commandTimeout != null && commandTimeout < 1) throw new UserError("--command-timeout must be at least 1 second");
        if (maxConnections == 0) maxConnections = DEFAULT_MAX_CONNECTIONS;
        if (maxConnections < 1) throw new UserError("--max-connections must be at least 1, got " + maxConnections);
        if (maxRetryAfter != null && maxRetryAfter < 0) throw new UserError("--max-retry-after must be 0 or more seconds, got " + maxRetryAfter);
        if (maxCost != null && !(maxCost > 0)) throw new UserError("--max-cost must be a positive number of dollars, got " + maxCost);
        for (var e : roles.entrySet()) {
            if (e.getKey().equals("target")) throw new UserError("--model-role target=… is --model; use another role name (grader, auditor)");
            if (!e.getKey().matches("[a-z][a-z0-9_]*")) throw new UserError("--model-role name must be lower-case letters, digits or _, got '" + e.getKey() + "'");
            if (!e.getValue().contains("/")) throw new UserError("--model-role " + e.getKey() + " must be provider/model, got '" + e.getValue() + "'");
        }
    }
}
