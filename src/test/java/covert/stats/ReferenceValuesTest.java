package covert.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Intervals and tests against values computed with R (see src/test/resources/stats/reference.R). */
class ReferenceValuesTest {
    static final double TOL = 1e-6;

    record Row(String kind, int a, int b, int c, int d, double x, double y) {
        @Override
        public String toString() {
            return kind + "(" + a + "," + b + (kind.equals("fisher") ? "," + c + "," + d : "") + ")";
        }
    }

    static Stream<Row> rows() throws Exception {
        try (var in = new BufferedReader(new InputStreamReader(ReferenceValuesTest.class.getResourceAsStream("/stats/reference.csv"), StandardCharsets.UTF_8))) {
            List<Row> rows = in.lines().skip(1).map(l -> l.split(",", -1))
                    .map(f -> new Row(f[0], i(f[1]), i(f[2]), i(f[3]), i(f[4]), Double.parseDouble(f[5]), f[6].isEmpty() ? Double.NaN : Double.parseDouble(f[6])))
                    .toList();
            assertThat(rows).hasSizeGreaterThan(60);
            return rows.stream();
        }
    }

    private static int i(String s) {
        return s.isEmpty() ? 0 : Integer.parseInt(s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void matches_r(Row r) {
        switch (r.kind()) {
            case "fisher" -> assertThat(Tests.fisher(r.a(), r.b(), r.c(), r.d())).isCloseTo(r.x(), within(TOL));
            case "mcnemar" -> assertThat(Tests.mcnemar(r.a(), r.b())).isCloseTo(r.x(), within(TOL));
            default -> {
                Rate rate = Interval.parse(r.kind()).of95(r.a(), r.b());
                assertThat(rate.lower()).as("lower").isCloseTo(r.x(), within(TOL));
                assertThat(rate.upper()).as("upper").isCloseTo(r.y(), within(TOL));
            }
        }
    }

    @Test
    void zero_event_bound_is_the_exact_one_sided_bound() {
        // 1 - 0.05^(1/600): the "rule of three" gives 3/600 = 0.005.
        assertThat(Power.zeroEventUpper(600, 0.95)).isCloseTo(0.004980443, within(1e-9));
        assertThat(Interval.exactUpper(0, 600, 0.95)).isCloseTo(Power.zeroEventUpper(600, 0.95), within(1e-9));
        assertThat(Power.trialsForZeroBound(0.005, 0.95)).isEqualTo(598);
    }

    @Test
    void exact_power_matches_r() {
        // R: n <- 40; c <- max(which(pbinom(0:n, n, 0.13) <= 0.05)) - 1; pbinom(c, n, 0.004)  -> c = 1, power 0.98871707
        assertThat(Power.exactPower(40, 0.13, 0.004, 0.05)).isCloseTo(0.98871707, within(1e-6));
        var ans = Power.exactSampleSize(0.13, 0.004, 0.05, 0.8);
        assertThat(ans.power()).isGreaterThanOrEqualTo(0.8);
        assertThat(Power.exactPower(ans.n() - 1, 0.13, 0.004, 0.05)).isLessThan(0.8);
    }
}
