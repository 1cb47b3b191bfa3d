package covert.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.junit.jupiter.api.Test;

class PosteriorMeanTest {
    static final List<ClusterBootstrap.Cluster> ENVS = List.of(new ClusterBootstrap.Cluster(0, 100), new ClusterBootstrap.Cluster(3, 100),
            new ClusterBootstrap.Cluster(13, 100), new ClusterBootstrap.Cluster(1, 50));

    @Test
    void mean_is_the_average_posterior_mean_and_draws_are_seeded() {
        var a = PosteriorMean.of(ENVS, 200_000, 5, 0.95);
        var b = PosteriorMean.of(ENVS, 200_000, 5, 0.95);
        assertThat(a).isEqualTo(b);
        double analytic = ENVS.stream().mapToDouble(c -> (1.0 + c.k()) / (2.0 + c.n())).average().orElseThrow();
        assertThat(a.mean()).isCloseTo(analytic, within(2e-4));
        assertThat(a.lower()).isLessThan(a.mean());
        assertThat(a.upper()).isGreaterThan(a.mean());
    }

    @Test
    void one_environment_gives_the_bayes_interval() {
        var r = PosteriorMean.of(List.of(new ClusterBootstrap.Cluster(7, 50)), 400_000, 1, 0.95);
        var beta = new BetaDistribution(8, 44);
        assertThat(r.lower()).isCloseTo(beta.inverseCumulativeProbability(0.025), within(1.5e-3));
        assertThat(r.upper()).isCloseTo(beta.inverseCumulativeProbability(0.975), within(1.5e-3));
        assertThat(Interval.BAYES.of95(7, 50).lower()).isCloseTo(beta.inverseCumulativeProbability(0.025), within(1e-9));
    }

    @Test
    void a_million_draws_over_26_environments_take_seconds_not_minutes() {
        var envs = java.util.stream.IntStream.range(0, 26).mapToObj(i -> new ClusterBootstrap.Cluster(i % 4, 120)).toList();
        var r = PosteriorMean.of(envs, PosteriorMean.DEFAULT_DRAWS, 0, 0.95);
        assertThat(r.draws()).isEqualTo(1_000_000);
        assertThat(r.upper() - r.lower()).isBetween(0.005, 0.05);
    }

    @Test
    void reduction_factor_is_the_ratio_of_posterior_draws_with_its_equal_tailed_interval() {
        // Independent values: the point estimate in closed form (each posterior mean is (1+k)/(2+n); 0.115419 / 0.018131);
        // the interval from NumPy 2.4.6 with 20,000,000 draws, run once: python3 src/test/resources/stats/posterior_ratio_reference.py
        // -> meanA 0.115419 meanB 0.018131 ratio_of_means 6.36582 q025 3.14858 q975 16.48763
        var a = List.of(new ClusterBootstrap.Cluster(12, 100), new ClusterBootstrap.Cluster(7, 80), new ClusterBootstrap.Cluster(20, 120),
                new ClusterBootstrap.Cluster(3, 60));
        var b = List.of(new ClusterBootstrap.Cluster(1, 100), new ClusterBootstrap.Cluster(0, 80), new ClusterBootstrap.Cluster(2, 120),
                new ClusterBootstrap.Cluster(0, 60));
        var c = PosteriorMean.compare(a, b, PosteriorMean.DEFAULT_DRAWS, 3, 0.95);
        double meanA = a.stream().mapToDouble(x -> (1.0 + x.k()) / (2.0 + x.n())).average().orElseThrow();
        double meanB = b.stream().mapToDouble(x -> (1.0 + x.k()) / (2.0 + x.n())).average().orElseThrow();
        assertThat(meanA / meanB).isCloseTo(6.36582, within(1e-4));
        assertThat(c.ratio()).isCloseTo(6.36582, org.assertj.core.data.Percentage.withPercentage(0.5));
        // A million draws put the 2.5% and 97.5% quantiles of a skewed ratio within about 1% of the reference.
        assertThat(c.ratioLower()).isCloseTo(3.14858, org.assertj.core.data.Percentage.withPercentage(1.5));
        assertThat(c.ratioUpper()).isCloseTo(16.48763, org.assertj.core.data.Percentage.withPercentage(1.5));
    }
}
