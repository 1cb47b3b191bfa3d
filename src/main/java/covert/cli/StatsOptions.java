package covert.cli;

import covert.stats.Aggregation;
import covert.stats.ClusterBootstrap;
import covert.stats.Interval;
import covert.stats.Overall;
import covert.stats.PosteriorMean;
import picocli.CommandLine.Option;

/** How reports compute intervals and the overall rate. */
final class StatsOptions {
    @Option(names = "--interval", defaultValue = "wilson", description = "Per-environment interval: wilson, exact, jeffreys or bayes. Default: ${DEFAULT-VALUE}.")
    String interval;

    @Option(names = "--aggregate", defaultValue = "env-mean",
            description = "Overall rate: env-mean (cluster bootstrap), pooled, or posterior-mean (the study's method). Default: ${DEFAULT-VALUE}.")
    String aggregate;

    @Option(names = "--resamples", defaultValue = "" + ClusterBootstrap.DEFAULT_RESAMPLES, description = "Cluster-bootstrap resamples. Default: ${DEFAULT-VALUE}.")
    int resamples;

    @Option(names = "--draws", defaultValue = "" + PosteriorMean.DEFAULT_DRAWS, description = "Posterior draws for posterior-mean. Default: ${DEFAULT-VALUE}.")
    int draws;

    @Option(names = "--stats-seed", defaultValue = "0", description = "Seed of the bootstrap and posterior draws. Default: ${DEFAULT-VALUE}.")
    long seed;

    Overall.Options options() {
        return new Overall.Options(Interval.parse(interval), Aggregation.parse(aggregate), resamples, draws, seed, 0.95);
    }
}
