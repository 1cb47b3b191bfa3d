package covert.run;

import covert.UserError;
import java.util.List;
import java.util.Map;

/**
 * Everything that determines a run's samples and how they are executed. It is stored in the log, so that
 * {@code --resume} rebuilds exactly the same run.
 *
 * @param limit       at most this many samples (environment × variant) before epochs; 0 = all
 * @param maxSamples   samples in flight at once
 * @param systemSuffix text appended to every system prompt, e.g. the schemer or saint policy of {@code validate}
 * @param providers    how real models are reached (base URL, key variable, roles, cache, cost, connections)
 * @param checkpoint   the training checkpoint the model is ({@code --checkpoint/--step/--phase}); overrides what the model
 *                     knows of itself, null when not given
 * @param shard        the part of the (sample, epoch) pairs this process runs ({@code --shard i/n}); null for all
 */
public record RunConfig(String suite, String model, Map<String, String> modelArgs, int epochs, long seed, int maxTurns,
                        long maxTokens, long timeLimitSeconds, int limit, List<String> envs, int maxSamples, String systemSuffix,
                        String logFormat, ProviderOptions providers, covert.model.Checkpoint checkpoint, Shard shard) {

    public static final List<String> FORMATS = List.of("eval", "json");

    public RunConfig(String suite, String model, Map<String, String> modelArgs, int epochs, long seed, int maxTurns,
                     long maxTokens, long timeLimitSeconds, int limit, List<String> envs, int maxSamples) {
        this(suite, model, modelArgs, epochs, seed, maxTurns, maxTokens, timeLimitSeconds, limit, envs, maxSamples, null, "eval", null, null, null);
    }

    public RunConfig(String suite, String model, Map<String, String> modelArgs, int epochs, long seed, int maxTurns, long maxTokens,
                     long timeLimitSeconds, int limit, List<String> envs, int maxSamples, String systemSuffix, String logFormat,
                     ProviderOptions providers, covert.model.Checkpoint checkpoint) {
        this(suite, model, modelArgs, epochs, seed, maxTurns, maxTokens, timeLimitSeconds, limit, envs, maxSamples, systemSuffix, logFormat,
                providers, checkpoint, null);
    }

    public RunConfig withShard(Shard s) {
        return new RunConfig(suite, model, modelArgs, epochs, seed, maxTurns, maxTokens, timeLimitSeconds, limit, envs, maxSamples,
                systemSuffix, logFormat, providers, checkpoint, s);
    }

    public RunConfig withLogFormat(String format) {
        return new RunConfig(suite, model, modelArgs, epochs, seed, maxTurns, maxTokens, timeLimitSeconds, limit, envs, maxSamples,
                systemSuffix, format, providers, checkpoint, shard);
    }

    public RunConfig withSystemSuffix(String suffix) {
        return new RunConfig(suite, model, modelArgs, epochs, seed, maxTurns, maxTokens, timeLimitSeconds, limit, envs, maxSamples,
                suffix, logFormat, providers, checkpoint, shard);
    }

    public RunConfig withProviders(ProviderOptions p) {
        return new RunConfig(suite, model, modelArgs, epochs, seed, maxTurns, maxTokens, timeLimitSeconds, limit, envs, maxSamples,
                systemSuffix, logFormat, p, checkpoint, shard);
    }

    public RunConfig withCheckpoint(covert.model.Checkpoint c) {
        return new RunConfig(suite, model, modelArgs, epochs, seed, maxTurns, maxTokens, timeLimitSeconds, limit, envs, maxSamples,
                systemSuffix, logFormat, providers, c, shard);
    }

    /** The same run with another model, for a series of checkpoints evaluated on the same samples. */
    public RunConfig withModel(String m, Map<String, String> args, covert.model.Checkpoint c) {
        return new RunConfig(suite, m, args, epochs, seed, maxTurns, maxTokens, timeLimitSeconds, limit, envs, maxSamples,
                systemSuffix, logFormat, providers, c, shard);
    }

    /** Epochs beyond this are a typo, not a plan: each epoch repeats every sample. */
    public static final int MAX_EPOCHS = 10_000;

    public RunConfig {
        modelArgs = modelArgs == null ? Map.of() : Map.copyOf(modelArgs);
        envs = envs == null ? List.of() : List.copyOf(envs);
        if (epochs < 1 || epochs > MAX_EPOCHS) throw new UserError("--epochs must be between 1 and " + MAX_EPOCHS + ", got " + epochs);
        if (limit < 0) throw new UserError("--limit must be positive, got " + limit);
        if (maxSamples < 1) throw new UserError("--max-samples must be at least 1, got " + maxSamples);
        if (timeLimitSeconds < 1) throw new UserError("--time-limit must be at least 1 second");
        if (maxTokens < 0) throw new UserError("--max-tokens must be >= 0");
        logFormat = logFormat == null ? "eval" : logFormat;
        providers = providers == null ? ProviderOptions.DEFAULT : providers;
        if (!FORMATS.contains(logFormat)) throw new UserError("--log-format must be eval or json, got '" + logFormat + "'");
    }
}
