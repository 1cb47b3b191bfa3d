package covert.model.middleware;

import covert.UserError;
import covert.model.Model;
import covert.model.RemoteModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The middleware of one run, written once for every provider. A remote model is wrapped, outermost first:
 * <pre>
 *   Metered (usage + cost into the sample's ledger, per role)
 *   → Cached (disk; a hit makes no request)
 *   → Spending (the --max-cost budget, real requests only)
 *   → Retrying (backoff + jitter + Retry-After)
 *   → Limited (one AIMD limiter per provider account, bounded by --max-connections)
 *   → the provider
 * </pre>
 * Local models (the simulated organisms) are only metered. Roles that share an account share its limiter.
 */
public final class ModelStack {
    private final Path cacheDir;
    private final int maxConnections;
    private final RetryPolicy retry;
    private final PriceTable prices;
    private final CostBudget budget;
    private final Map<String, AdaptiveLimiter> limiters = new ConcurrentHashMap<>();

    public ModelStack(Path cacheDir, int maxConnections, RetryPolicy retry, PriceTable prices, CostBudget budget) {
        if (maxConnections < 1) throw new UserError("--max-connections must be at least 1, got " + maxConnections);
        this.cacheDir = cacheDir;
        this.maxConnections = maxConnections;
        this.retry = retry;
        this.prices = prices;
        this.budget = budget;
    }

    public Model wrap(Model raw, String role) {
        if (budget.limited() && prices.price(raw.name()).isEmpty() && !raw.simulated()) {
            throw new UserError("--max-cost needs a price for " + raw.name() + "; add it with --price-table FILE");
        }
        Model m = raw;
        if (raw instanceof RemoteModel remote) {
            m = new Limited(m, limiters.computeIfAbsent(remote.account(), a -> new AdaptiveLimiter(raw.name(), maxConnections)));
            m = new Retrying(m, retry);
            m = new Spending(m, prices, budget);
            if (cacheDir != null) m = new Cached(m, remote, new ResponseCache(cacheDir));
        }
        return new Metered(m, role, prices);
    }

    public CostBudget budget() {
        return budget;
    }

    /** Every limit change of the run's limiters, in time order: Inspect's {@code connection_limit_history}. */
    public List<AdaptiveLimiter.Change> limitHistory() {
        var all = new ArrayList<AdaptiveLimiter.Change>();
        limiters.values().forEach(l -> all.addAll(l.history()));
        all.sort(Comparator.comparingDouble(AdaptiveLimiter.Change::timestamp));
        return all;
    }
}
