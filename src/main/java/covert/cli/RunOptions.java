package covert.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by the verbs that run evaluations. */
final class RunOptions {
    @Option(names = "--seed", defaultValue = "0", description = "Run seed; the same seed gives every model the same samples. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--max-turns", defaultValue = "30", description = "Model calls allowed before the task phase is stopped. Default: ${DEFAULT-VALUE}.")
    int maxTurns;

    @Option(names = "--max-tokens", defaultValue = "0", description = "Total tokens per sample before it is stopped; 0 = no limit.")
    long maxTokens;

    @Option(names = "--time-limit", defaultValue = "900", description = "Wall-clock seconds per sample. Default: ${DEFAULT-VALUE}.")
    long timeLimit;

    @Option(names = "--max-samples", defaultValue = "32", description = "Samples in flight at once. Default: ${DEFAULT-VALUE}.")
    int maxSamples;

    @Option(names = "--log-dir", defaultValue = "logs", description = "Where logs go. Default: ${DEFAULT-VALUE}.")
    Path logDir;

    @Option(names = "--no-progress", description = "Do not draw a progress bar.")
    boolean noProgress;

    @Option(names = "--log-format", defaultValue = "eval", description = "eval (Inspect's ZIP log, the default) or json. Default: ${DEFAULT-VALUE}.")
    String logFormat;

    covert.run.RunConfig config(String suite, String model, java.util.Map<String, String> modelArgs, int epochs, int limit,
                                java.util.List<String> envs) {
        return new covert.run.RunConfig(suite, model, modelArgs, epochs, seed, maxTurns, maxTokens, timeLimit, limit, envs, maxSamples)
                .withLogFormat(logFormat);
    }

    /** A progress bar on an interactive terminal; on a pipe or in CI only the start and end lines. */
    ProgressBarListener progress(String task, java.io.PrintWriter err) {
        return new ProgressBarListener(task, err, !noProgress && System.console() != null);
    }
}
