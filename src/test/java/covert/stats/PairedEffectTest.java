package covert.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The paired interval must cover the true difference in 93–97% of seeded replications, as an intervention produces it. */
class PairedEffectTest {
    static final int REPS = 1000;

    /**
     * Units covert before with probability p1; the treatment moves them to p2 with the same uniform draw, as the
     * sim does (strongly correlated pairs), or with an independent draw (uncorrelated pairs).
     */
    @ParameterizedTest
    @CsvSource({"0.033, 0.132, true, 400", "0.132, 0.033, true, 400", "0.2, 0.3, false, 300", "0.05, 0.08, false, 200", "0.3, 0.5, true, 100"})
    void newcombe_paired_covers_the_true_difference(double p1, double p2, boolean sameDraw, int n) {
        var r = new SplittableRandom(7);
        int covered = 0;
        for (int rep = 0; rep < REPS; rep++) {
            var units = new ArrayList<PairedEffect.Unit>();
            for (int i = 0; i < n; i++) {
                double u = r.nextDouble();
                units.add(new PairedEffect.Unit(u < p1, (sameDraw ? u : r.nextDouble()) < p2 ? 1 : 0, 1));
            }
            var e = PairedEffect.of(units, 0.95);
            if (e.lower() <= p2 - p1 && p2 - p1 <= e.upper()) covered++;
        }
        System.out.printf("newcombe paired p1=%.3f p2=%.3f same draw %s n=%d: coverage %.1f%%%n", p1, p2, sameDraw, n, 100.0 * covered / REPS);
        assertThat(covered / (double) REPS).isBetween(0.93, 0.985);
    }

    @Test
    void several_resamples_use_the_bootstrap_and_the_sign_test() {
        var units = new ArrayList<PairedEffect.Unit>();
        for (int i = 0; i < 100; i++) units.add(new PairedEffect.Unit(i < 10, i < 40 ? 3 : 0, 3));
        units.add(new PairedEffect.Unit(true, 0, 0)); // no valid resample: left out
        var e = PairedEffect.of(units, 0.95);
        assertThat(e.units()).isEqualTo(100);
        assertThat(e.difference()).isCloseTo(0.3, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(e.lower()).isBetween(0.2, 0.3);
        assertThat(e.upper()).isBetween(0.3, 0.4);
        assertThat(e.pValue()).isEqualTo(Tests.mcnemar(0, 30));
        assertThat(e.method()).contains("bootstrap", "sign test");
    }

    @Test
    void with_no_pairs_the_correlation_term_vanishes() {
        // phi = 0 when a margin is empty: the interval is the independent Newcombe combination.
        double[] paired = Tests.newcombePaired(0, 5, 0, 45, 0.95);
        double[] independent = Tests.newcombeDifference(5, 50, 0, 50, 0.95);
        assertThat(paired[0]).isEqualTo(independent[0]);
        assertThat(paired[1]).isCloseTo(independent[1], org.assertj.core.api.Assertions.within(1e-12));
        assertThat(paired[2]).isCloseTo(independent[2], org.assertj.core.api.Assertions.within(1e-12));
    }
}
