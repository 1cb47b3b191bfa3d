package covert.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Per-call generation settings. {@code seed} is the per-sample seed; providers that support seeding pass
 * it on, and the simulated organisms use it as their only source of randomness.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenerateConfig(Long seed, Integer maxTokens, Double temperature, String reasoningEffort) {
    public static final GenerateConfig DEFAULT = new GenerateConfig(null, null, null, null);

    public GenerateConfig withSeed(long s) {
        return new GenerateConfig(s, maxTokens, temperature, reasoningEffort);
    }
}
