package covert.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nominal 95% intervals must cover the true rate in 93–97% of 1,000 seeded replications, at the rates
 * the field reports (0.4% to 50%). The figures are printed so they can be quoted.
 */
class CoverageTest {
    static final int REPS = 1000;

    @ParameterizedTest
    @ValueSource(doubles = {0.004, 0.02, 0.13, 0.5})
    void wilson_per_environment(double p) {
        int n = 2000;
        var bin = new BinomialDistribution(new Well19937c(42), n, p);
        int covered = 0;
        for (int r = 0; r < REPS; r++) {
            Rate ci = Interval.WILSON.of95(bin.sample(), n);
            if (ci.lower() <= p && p <= ci.upper()) covered++;
        }
        report("wilson n=" + n, p, covered);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.004, 0.02, 0.13, 0.5})
    void clustered_overall_26_environments(double p) {
        // The study's design: 26 environments; 250 samples each keeps the expected count at 0.4% near 1 per environment.
        assertCoverage(26, 250, p, "cluster bootstrap E=26 n=250");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.004, 0.02})
    void clustered_overall_with_rare_events(double p) {
        // 26 x 80 samples: about 8 covert actions at 0.4%, where the widening takes over. It is conservative by
        // design there (the union of two intervals), so only the lower side is held to the nominal band.
        assertCoverage(26, 80, p, "cluster bootstrap E=26 n=80 (rare)", 0.93, 0.985);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.004, 0.02, 0.13, 0.5})
    void few_environments_held_fixed(double p) {
        assertCoverage(3, 1000, p, "within-environment bootstrap E=3 n=1000");
    }

    private static void assertCoverage(int envs, int n, double p, String label) {
        assertCoverage(envs, n, p, label, 0.93, 0.97);
    }

    private static void assertCoverage(int envs, int n, double p, String label, double min, double max) {
        var rng = new Well19937c(7);
        var bin = new BinomialDistribution(rng, n, p);
        var seeds = new SplittableRandom(11);
        int covered = 0;
        for (int r = 0; r < REPS; r++) {
            var clusters = new ArrayList<ClusterBootstrap.Cluster>();
            for (int j = 0; j < envs; j++) clusters.add(new ClusterBootstrap.Cluster(bin.sample(), n));
            // The interval the report prints: Overall, including its widening when covert actions are rare.
            var opts = new Overall.Options(Interval.WILSON, Aggregation.ENV_MEAN, 1000, 1000, seeds.nextLong(), 0.95);
            var res = Overall.of(clusters, opts);
            if (res.lower() <= p && p <= res.upper()) covered++;
        }
        report(label, p, covered, min, max);
    }

    private static void report(String label, double p, int covered) {
        report(label, p, covered, 0.93, 0.97);
    }

    private static void report(String label, double p, int covered, double min, double max) {
        double coverage = covered / (double) REPS;
        System.out.printf("coverage %-45s p=%-6s %.3f%n", label, p, coverage);
        assertThat(coverage).as(label + " at p=" + p).isBetween(min, max);
    }
}
