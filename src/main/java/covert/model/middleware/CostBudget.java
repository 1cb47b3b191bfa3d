package covert.model.middleware;

import java.util.concurrent.atomic.DoubleAdder;

/**
 * Dollars spent on real requests in one run (cache hits are free), against {@code --max-cost}. The runner stops
 * starting samples once it is exhausted; samples already running finish, so a run may end slightly above it.
 */
public final class CostBudget {
    private final Double max;
    private final DoubleAdder spent = new DoubleAdder();

    public CostBudget(Double max) {
        this.max = max;
    }

    public static CostBudget unlimited() {
        return new CostBudget(null);
    }

    void spend(double dollars) {
        spent.add(dollars);
    }

    public double spent() {
        return spent.sum();
    }

    public boolean limited() {
        return max != null;
    }

    public boolean exhausted() {
        return max != null && spent.sum() >= max;
    }

    public Double max() {
        return max;
    }
}
