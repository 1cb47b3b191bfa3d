package covert.model.middleware;

import covert.model.GenerateConfig;
import covert.model.Generation;
import covert.model.Message;
import covert.model.Model;
import covert.model.ModelException;
import covert.model.ToolSpec;
import java.util.List;

/** Charges the run's {@link CostBudget} for requests that reached the provider (inside the cache: hits are free). */
final class Spending extends Wrapper {
    private final PriceTable prices;
    private final CostBudget budget;

    Spending(Model inner, PriceTable prices, CostBudget budget) {
        super(inner);
        this.prices = prices;
        this.budget = budget;
    }

    @Override
    public Generation generate(List<Message> messages, List<ToolSpec> tools, GenerateConfig config) throws ModelException {
        Generation g = inner.generate(messages, tools, config);
        Double cost = prices.cost(name(), g.usage());
        if (cost != null) budget.spend(cost);
        return g;
    }
}
