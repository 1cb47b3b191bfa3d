package covert.stats;

import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The Mantel–Haenszel risk ratio over strata of 2×2 tables (exposed: aware; event: covert), with the variance of its
 * logarithm by Greenland and Robins (1985), which stays consistent both with a few large strata and with many sparse
 * ones. With one stratum it is the crude (pooled) risk ratio and the variance reduces to Katz's
 * 1/a − 1/n1 + 1/c − 1/n0. Strata with no exposed or no unexposed subject carry no information and drop out.
 *
 * <p>RR_MH = Σ a·n0/N ÷ Σ c·n1/N; Var(ln RR_MH) = Σ (m1·n1·n0 − a·c·N)/N² ÷ (Σ a·n0/N · Σ c·n1/N),
 * where per stratum a of n1 exposed and c of n0 unexposed had the event, m1 = a + c and N = n1 + n0.
 *
 * @param ratio  the estimate (NaN when either sum is 0: no event on one side in every stratum)
 * @param lower, upper  its Wald interval on the log scale, exponentiated
 * @param strata the strata that contributed (both arms present)
 */
public record MantelHaenszel(double ratio, double lower, double upper, int strata) {
    /** One stratum: {@code events1} of {@code n1} exposed and {@code events0} of {@code n0} unexposed had the event. */
    public record Table(int events1, int n1, int events0, int n0) {
        public Table {
            if (events1 < 0 || events0 < 0 || events1 > n1 || events0 > n0) throw new IllegalArgumentException("bad 2x2 table " + events1 + "/" + n1 + ", " + events0 + "/" + n0);
        }
    }

    public static MantelHaenszel riskRatio(List<Table> tables, double confidence) {
        double r = 0, s = 0, v = 0;
        int used = 0;
        for (Table t : tables) {
            if (t.n1() == 0 || t.n0() == 0) continue;
            used++;
            double n = t.n1() + t.n0();
            r += t.events1() * (double) t.n0() / n;
            s += t.events0() * (double) t.n1() / n;
            v += ((t.events1() + t.events0()) * (double) t.n1() * t.n0() - t.events1() * (double) t.events0() * n) / (n * n);
        }
        if (r == 0 || s == 0) return new MantelHaenszel(r == 0 && s > 0 ? 0 : Double.NaN, Double.NaN, Double.NaN, used);
        double ratio = r / s, se = Math.sqrt(v / (r * s));
        double z = new NormalDistribution().inverseCumulativeProbability(0.5 + confidence / 2);
        return new MantelHaenszel(ratio, Math.exp(Math.log(ratio) - z * se), Math.exp(Math.log(ratio) + z * se), used);
    }
}
