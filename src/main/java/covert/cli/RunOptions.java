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
}
