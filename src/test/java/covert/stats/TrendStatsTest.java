package covert.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class TrendStatsTest {
    private static List<boolean[]> rows(int n, boolean... pattern) {
        var out = new ArrayList<boolean[]>();
        for (int i = 0; i < n; i++) out.add(pattern.clone());
        return out;
    }

    @Test
    void cochran_q_for_two_conditions_is_mcnemar() {
        var rows = rows(7, true, false);
        rows.addAll(rows(1, false, true));
        rows.addAll(rows(50, false, false));
        rows.addAll(rows(5, true, true));
        var q = Tests.cochranQ(rows);
        assertThat(q.statistic()).isCloseTo((7 - 1) * (7 - 1) / 8.0, Offset.offset(1e-12));
        assertThat(q.exact()).isTrue();
        assertThat(q.pValue()).isCloseTo(Tests.mcnemar(7, 1), Offset.offset(1e-12));
    }

    @Test
    void cochran_q_textbook_example_and_its_chi_square_tail() {
        // Three treatments on 12 subjects (Sheskin's Handbook, Test 26 layout): column totals 10, 6, 3 -> Q = 6.5 with 2 df
        var rows = new ArrayList<boolean[]>();
        rows.addAll(rows(2, true, true, true));
        rows.addAll(rows(3, true, true, false));
        rows.addAll(rows(1, true, false, true));
        rows.addAll(rows(4, true, false, false));
        rows.addAll(rows(1, false, false, false));
        rows.addAll(rows(1, false, true, false));
        double colSq = 10 * 10 + 6 * 6 + 3 * 3, total = 19, rowSq = 2 * 9 + 3 * 4 + 1 * 4 + 4 + 0 + 1;
        double expected = 2 * (3 * colSq - total * total) / (3 * total - rowSq);
        var q = Tests.cochranQ(rows);
        assertThat(q.statistic()).isCloseTo(expected, Offset.offset(1e-12));
        assertThat(q.df()).isEqualTo(2);
        // exact here (9 informative rows); the exact and the chi-square tail agree roughly, exact is larger with so few rows
        assertThat(q.exact()).isTrue();
        assertThat(q.pValue()).isBetween(Math.exp(-expected / 2) * 0.5, 0.2);
    }

    @Test
    void cochran_q_with_many_discordant_rows_uses_the_chi_square_tail() {
        var rows = new ArrayList<boolean[]>();
        rows.addAll(rows(150, true, false, false));
        rows.addAll(rows(100, false, true, false));
        rows.addAll(rows(80, false, false, true));
        var q = Tests.cochranQ(rows);
        assertThat(q.exact()).isFalse();
        // df = 2: the chi-square upper tail is exp(-Q/2)
        assertThat(q.pValue()).isCloseTo(Math.exp(-q.statistic() / 2), Offset.offset(1e-12));
        assertThat(Tests.cochranQ(rows(40, true, true, false)).pValue()).as("identical rows: no evidence").isLessThan(1e-6);
        assertThat(Tests.cochranQ(rows(40, false, false, false)).pValue()).isEqualTo(1);
    }

    @Test
    void homogeneity_matches_the_two_by_two_chi_square() {
        // 10/100 against 25/100: Pearson chi-square without continuity correction (R: chisq.test(correct = FALSE))
        var h = Tests.homogeneity(new int[] {10, 25}, new int[] {100, 100});
        assertThat(h.statistic()).isCloseTo(7.792208, Offset.offset(1e-5));
        assertThat(h.pValue()).isCloseTo(0.005248, Offset.offset(1e-5));
        assertThat(Tests.homogeneity(new int[] {0, 0}, new int[] {5, 5}).pValue()).isEqualTo(1);
    }

    @Test
    void isotonic_fit_pools_adjacent_violators() {
        assertThat(Isotonic.fit(new double[] {0.13, 0.07, 0.08, 0.02}, new double[] {1, 1, 1, 1}, true))
                .containsExactly(new double[] {0.13, 0.075, 0.075, 0.02}, Offset.offset(1e-12));
        assertThat(Isotonic.fit(new double[] {1, 3, 2, 4}, new double[] {1, 1, 3, 1}, false))
                .containsExactly(new double[] {1, 2.25, 2.25, 4}, Offset.offset(1e-12));
    }

    @Test
    void newcombe_paired_interval_on_fagerland_s_example() {
        // Bentur et al. 2009 as in Fagerland, Lydersen & Laake (2017), ch. 8: table (1, 1; 7, 12), square-and-add
        // interval -0.507 to -0.026 for the difference -0.286
        double[] d = Tests.newcombePaired(1, 1, 7, 12, 0.95);
        assertThat(d[0]).isCloseTo(-2.0 / 7, Offset.offset(1e-12));
        assertThat(d[1]).isCloseTo(-0.50692, Offset.offset(1e-4));
        assertThat(d[2]).isCloseTo(-0.02556, Offset.offset(1e-4));
        // pairing narrows the interval against the independent-samples one when the pairs agree
        double[] paired = Tests.newcombePaired(40, 3, 1, 56, 0.95), ind = Tests.newcombeDifference(43, 100, 41, 100, 0.95);
        assertThat(paired[2] - paired[1]).isLessThan((ind[2] - ind[1]) / 2);
    }
}
