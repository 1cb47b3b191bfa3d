package covert.model.middleware;

import covert.model.Usage;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Usage of one sample by model and by role (target, grader, auditor), the two maps Inspect logs per sample. The runner
 * opens one per sample on the sample's own virtual thread; {@link Metered} records every generation into the open
 * one, so a grader called by a scorer is counted with the sample it graded.
 */
public final class UsageLedger implements AutoCloseable {
    private static final ThreadLocal<UsageLedger> CURRENT = new ThreadLocal<>();

    private final Map<String, Usage> byModel = new ConcurrentHashMap<>();
    private final Map<String, Usage> byRole = new ConcurrentHashMap<>();
    private final UsageLedger outer;

    private UsageLedger(UsageLedger outer) {
        this.outer = outer;
    }

    public static UsageLedger open() {
        var ledger = new UsageLedger(CURRENT.get());
        CURRENT.set(ledger);
        return ledger;
    }

    static void record(String role, String model, Usage usage) {
        UsageLedger ledger = CURRENT.get();
        if (ledger == null) return;
        ledger.byModel.merge(model, usage, Usage::plus);
        ledger.byRole.merge(role, usage, Usage::plus);
    }

    public Map<String, Usage> byModel() {
        return new TreeMap<>(byModel);
    }

    public Map<String, Usage> byRole() {
        return new TreeMap<>(byRole);
    }

    @Override
    public void close() {
        if (outer == null) CURRENT.remove();
        else CURRENT.set(outer);
    }
}
