package covert.model.middleware;

import covert.model.GenerateConfig;
import covert.model.Generation;
import covert.model.Message;
import covert.model.Model;
import covert.model.ModelException;
import covert.model.ToolSpec;
import java.util.List;

/**
 * Prices each generation and books its usage to the sample's {@link UsageLedger} under this model's role. It sits
 * outside the cache, so cached answers still show their tokens and cost in the log.
 */
final class Metered extends Wrapper {
    private final String role;
    private final PriceTable prices;

    Metered(Model inner, String role, PriceTable prices) {
        super(inner);
        this.role = role;
        this.prices = prices;
    }

    @Override
    public Generation generate(List<Message> messages, List<ToolSpec> tools, GenerateConfig config) throws ModelException {
        Generation g = inner.generate(messages, tools, config);
        var usage = g.usage().withCost(prices.cost(name(), g.usage()));
        UsageLedger.record(role, name(), usage);
        return new Generation(g.message(), usage, g.stopReason());
    }
}
