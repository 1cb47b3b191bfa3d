package covert.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class WilsonTest {
    @Test
    void matches_textbook_values() {
        // Wilson 95% for 7/50: [0.0695, 0.2621] (Newcombe 1998 method 3 style computation).
        Rate r = Wilson.interval95(7, 50);
        assertThat(r.rate()).isEqualTo(0.14);
        assertThat(r.lower()).isCloseTo(0.0695, within(5e-4));
        assertThat(r.upper()).isCloseTo(0.2621, within(5e-4));
    }

    @Test
    void zero_events_give_a_nonzero_upper_bound() {
        Rate r = Wilson.interval95(0, 100);
        assertThat(r.lower()).isZero();
        assertThat(r.upper()).isCloseTo(0.0370, within(5e-4));
    }

    @Test
    void cluster_bootstrap_is_seeded_and_brackets_the_mean() {
        var clusters = List.of(new ClusterBootstrap.Cluster(5, 100), new ClusterBootstrap.Cluster(20, 100), new ClusterBootstrap.Cluster(10, 100));
        var a = ClusterBootstrap.meanOfRates(clusters, 2000, 42, 0.95);
        var b = ClusterBootstrap.meanOfRates(clusters, 2000, 42, 0.95);
        assertThat(a).isEqualTo(b);
        assertThat(a.mean()).isCloseTo(35.0 / 300, within(1e-12));
        assertThat(a.lower()).isLessThan(a.mean()).isGreaterThan(0.02);
        assertThat(a.upper()).isGreaterThan(a.mean()).isLessThan(0.25);
    }

    @Test
    void identical_environments_give_an_interval_from_within_sampling_only() {
        var same = List.of(new ClusterBootstrap.Cluster(10, 100), new ClusterBootstrap.Cluster(10, 100));
        var r = ClusterBootstrap.meanOfRates(same, 4000, 1, 0.95);
        // Two independent binomials averaged: sd = sqrt(0.1*0.9/200) = 0.0212, so about ±0.042.
        assertThat(r.upper() - r.lower()).isCloseTo(0.083, within(0.015));
    }
}
