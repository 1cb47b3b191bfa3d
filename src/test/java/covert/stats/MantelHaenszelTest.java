package covert.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Mantel–Haenszel risk ratio against values worked out by hand from the formulas (Greenland and Robins 1985; the
 * arithmetic is in the comments, so each expected number can be checked on paper), not by calling the class twice.
 */
class MantelHaenszelTest {
    private static final double Z95 = 1.959963984540054;

    @Test
    void two_strata_by_hand() {
        // Stratum 1: a=8/n1=10, c=20/n0=40, N=50: a*n0/N = 6.4, c*n1/N = 4.0, (m1*n1*n0 - a*c*N)/N^2 = (11200-8000)/2500 = 1.28.
        // Stratum 2: a=3/n1=30, c=1/n0=20, N=50: a*n0/N = 1.2, c*n1/N = 0.6, (4*30*20 - 3*1*50)/2500 = 2250/2500 = 0.9.
        // RR = (6.4+1.2)/(4.0+0.6) = 7.6/4.6; Var(ln RR) = (1.28+0.9)/(7.6*4.6) = 2.18/34.96.
        var mh = MantelHaenszel.riskRatio(List.of(new MantelHaenszel.Table(8, 10, 20, 40), new MantelHaenszel.Table(3, 30, 1, 20)), 0.95);
        double rr = 7.6 / 4.6, se = Math.sqrt(2.18 / 34.96);
        assertThat(mh.ratio()).isCloseTo(1.6521739130434783, within(1e-12)).isCloseTo(rr, within(1e-12));
        assertThat(mh.lower()).isCloseTo(rr * Math.exp(-Z95 * se), within(1e-12)).isCloseTo(1.01274, within(1e-5));
        assertThat(mh.upper()).isCloseTo(rr * Math.exp(Z95 * se), within(1e-12)).isCloseTo(2.69533, within(1e-5));
        assertThat(mh.strata()).isEqualTo(2);
    }

    @Test
    void one_stratum_is_the_crude_ratio_with_katz_interval() {
        // (11/40)/(21/60) = 0.275/0.35; Katz: Var(ln RR) = 1/11 - 1/40 + 1/21 - 1/60.
        var mh = MantelHaenszel.riskRatio(List.of(new MantelHaenszel.Table(11, 40, 21, 60)), 0.95);
        double rr = 0.275 / 0.35, se = Math.sqrt(1.0 / 11 - 1.0 / 40 + 1.0 / 21 - 1.0 / 60);
        assertThat(mh.ratio()).isCloseTo(rr, within(1e-12));
        assertThat(mh.lower()).isCloseTo(rr * Math.exp(-Z95 * se), within(1e-12));
        assertThat(mh.upper()).isCloseTo(rr * Math.exp(Z95 * se), within(1e-12));
    }

    @Test
    void stratification_undoes_simpsons_paradox_and_one_armed_strata_drop_out() {
        // Both strata have RR exactly 0.5, but the exposed cluster in the low-risk stratum: pooled, the crude ratio is far lower.
        var a = new MantelHaenszel.Table(40, 100, 80, 100);   // 0.4 vs 0.8
        var b = new MantelHaenszel.Table(5, 100, 2, 20);      // 0.05 vs 0.1
        var stratified = MantelHaenszel.riskRatio(List.of(a, b, new MantelHaenszel.Table(3, 5, 0, 0)), 0.95);
        var crude = MantelHaenszel.riskRatio(List.of(new MantelHaenszel.Table(45, 200, 82, 120)), 0.95);
        assertThat(stratified.ratio()).isCloseTo(0.5, within(1e-12));
        assertThat(stratified.strata()).isEqualTo(2);
        assertThat(crude.ratio()).isCloseTo((45 / 200.0) / (82 / 120.0), within(1e-12)).isLessThan(0.35);
    }

    @Test
    void no_event_on_either_side_is_undefined_and_none_exposed_is_zero() {
        assertThat(MantelHaenszel.riskRatio(List.of(new MantelHaenszel.Table(0, 10, 0, 10)), 0.95).ratio()).isNaN();
        assertThat(MantelHaenszel.riskRatio(List.of(new MantelHaenszel.Table(0, 10, 4, 10)), 0.95).ratio()).isZero();
    }
}
