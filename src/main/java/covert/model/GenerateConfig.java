package covert.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import covert.UserError;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Per-call generation settings. {@code seed} is the per-sample seed; providers that support seeding pass it on, and
 * the simulated organisms use it as their only source of randomness. The rest come from {@code -M} model args
 * ({@link #fromArgs}) and are sent to the provider whenever they are set: a dropped {@code max_tokens} once let a
 * single call run to 6,075 tokens and overflow the next request's context.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenerateConfig(Long seed, Integer maxTokens, Double temperature, String reasoningEffort, Double topP, List<String> stop) {
    public static final GenerateConfig DEFAULT = new GenerateConfig(null, null, null, null, null, null);

    /** The {@code -M} keys read here, common to every remote provider. */
    public static final Set<String> KEYS = Set.of("max_tokens", "temperature", "top_p", "stop");

    public GenerateConfig {
        stop = stop == null ? null : List.copyOf(stop);
    }

    public GenerateConfig(Long seed, Integer maxTokens, Double temperature, String reasoningEffort) {
        this(seed, maxTokens, temperature, reasoningEffort, null, null);
    }

    public GenerateConfig withSeed(long s) {
        return new GenerateConfig(s, maxTokens, temperature, reasoningEffort, topP, stop);
    }

    public GenerateConfig withMaxTokens(Integer n) {
        return new GenerateConfig(seed, n, temperature, reasoningEffort, topP, stop);
    }

    /** This call's settings, with anything it leaves unset taken from {@code defaults} (the model's {@code -M} args). */
    public GenerateConfig orElse(GenerateConfig defaults) {
        return new GenerateConfig(seed != null ? seed : defaults.seed, maxTokens != null ? maxTokens : defaults.maxTokens,
                temperature != null ? temperature : defaults.temperature, reasoningEffort != null ? reasoningEffort : defaults.reasoningEffort,
                topP != null ? topP : defaults.topP, stop != null ? stop : defaults.stop);
    }

    /** {@code -M max_tokens=N -M temperature=T -M top_p=P -M stop=a,b}, checked: a bad value is a one-line error. */
    public static GenerateConfig fromArgs(Map<String, String> args) {
        String mt = args.get("max_tokens");
        Integer maxTokens = null;
        if (mt != null) {
            try {
                maxTokens = Integer.parseInt(mt.trim());
            } catch (NumberFormatException e) {
                maxTokens = -1;
            }
            if (maxTokens < 1) throw new UserError("-M max_tokens must be a whole number of at least 1, got '" + mt + "'");
        }
        Double temperature = number(args, "temperature", 0, 2);
        Double topP = number(args, "top_p", 0, 1);
        List<String> stop = args.get("stop") == null ? null : Arrays.stream(args.get("stop").split(",")).filter(s -> !s.isEmpty()).toList();
        return new GenerateConfig(null, maxTokens, temperature, null, topP, stop);
    }

    private static Double number(Map<String, String> args, String key, double min, double max) {
        String v = args.get(key);
        if (v == null) return null;
        try {
            double d = Double.parseDouble(v.trim());
            if (d >= min && d <= max) return d;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserError("-M " + key + " must be a number from " + (long) min + " to " + (long) max + ", got '" + v + "'");
    }

    /** Refuses a {@code -M} key the provider does not read, naming the ones it does: a typo must never be silently dropped. */
    public static void requireKnown(String provider, Map<String, String> args, Set<String> providerKeys) {
        var known = new TreeSet<>(providerKeys);
        known.addAll(KEYS);
        for (String k : new TreeSet<>(args.keySet())) {
            if (!known.contains(k)) throw new UserError("unknown model arg -M " + k + " for " + provider + "/ (known: " + String.join(", ", known) + ")");
        }
    }
}
