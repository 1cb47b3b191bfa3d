package covert.stats;

import covert.UserError;
import java.util.Locale;

/** How per-environment results become one overall covert rate. */
public enum Aggregation {
    /** Mean of per-environment rates, each environment weighing the same; cluster-bootstrap interval. */
    ENV_MEAN,
    /** All valid samples pooled into one proportion; the chosen interval method. */
    POOLED,
    /** The study's method: mean of environment-averaged Beta posterior draws; equal-tailed interval. */
    POSTERIOR_MEAN;

    public static Aggregation parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new UserError("unknown aggregate '" + s + "' (known: env-mean, pooled, posterior-mean)");
        }
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
