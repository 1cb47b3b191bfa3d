package covert.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * TOST against SciPy 1.17.1: the expected values were computed once with src/test/resources/stats/tost_reference.py
 * ({@code python3 tost_reference.py}: two {@code scipy.stats.ttest_1samp} one-sided tests on the same differences, and
 * {@code scipy.stats.norm} for the unpaired z form) and pasted here.
 */
class EquivalenceTest {
    @ParameterizedTest(name = "{0} up, {1} down of {2}, margin {3}")
    @CsvSource({
            "2, 3, 540, 0.01, -0.001851851852, -0.00867975942, 0.004976055717, 0.02488944415",
            "12, 4, 300, 0.01, 0.02666666667, 0.004777766939, 0.04855556639, 0.8950093984",
            "3, 3, 1000, 0.01, 0, -0.004034809678, 0.004034809678, 2.426709877e-05",
            "30, 10, 200, 0.05, 0.1, 0.04893727169, 0.1510627283, 0.9463933102"})
    void paired_matches_scipy(int up, int down, int n, double margin, double d, double lo, double hi, double p) {
        double[] diffs = new double[n];
        Arrays.fill(diffs, 0, up, 1);
        Arrays.fill(diffs, up, up + down, -1);
        var e = Equivalence.paired(diffs, margin, 0.05);
        assertThat(e.difference()).isCloseTo(d, within(1e-9));
        assertThat(e.lower()).isCloseTo(lo, within(1e-8));
        assertThat(e.upper()).isCloseTo(hi, within(1e-8));
        assertThat(e.pValue()).isCloseTo(p, within(1e-8));
        assertThat(e.equivalent(0.05)).isEqualTo(p < 0.05);
    }

    @ParameterizedTest(name = "{0}/{1} vs {2}/{3}, margin {4}")
    @CsvSource({
            "10, 500, 8, 500, 0.01, -0.004, -0.01782929701, 0.009829297006, 0.2377253053",
            "40, 200, 20, 200, 0.05, -0.1, -0.1581543577, -0.04184564232, 0.9213503965"})
    void unpaired_matches_scipy(int k1, int n1, int k2, int n2, double margin, double d, double lo, double hi, double p) {
        var e = Equivalence.unpaired(k1, n1, k2, n2, margin, 0.05);
        assertThat(e.difference()).isCloseTo(d, within(1e-9));
        assertThat(e.lower()).isCloseTo(lo, within(1e-8));
        assertThat(e.upper()).isCloseTo(hi, within(1e-8));
        assertThat(e.pValue()).isCloseTo(p, within(1e-8));
    }

    @Test
    void no_change_at_all_is_equivalent_and_a_uniform_shift_beyond_the_margin_is_not() {
        assertThat(Equivalence.paired(new double[50], 0.01, 0.05).equivalent(0.05)).isTrue();
        double[] allRose = new double[50];
        Arrays.fill(allRose, 1);
        assertThat(Equivalence.paired(allRose, 0.01, 0.05).equivalent(0.05)).isFalse();
        assertThat(Equivalence.paired(new double[] {0}, 0.01, 0.05).equivalent(0.05)).as("one pair proves nothing").isFalse();
    }
}
