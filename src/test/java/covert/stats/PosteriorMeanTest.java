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
}
