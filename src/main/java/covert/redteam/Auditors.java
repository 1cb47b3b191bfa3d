package covert.redteam;

import covert.run.ProviderOptions;
import covert.run.Runner;
import java.util.List;
import java.util.Map;

/** Resolves the auditor role: {@code sim/auditor} is the offline catalogue search, any other model is prompted. */
public final class Auditors {
    private Auditors() {}

    /** Bound as a run binds roles (same server and key as the target on its provider), through the same middleware. */
    public static Auditor create(String spec, String target, ProviderOptions p, int beam, long seed) {
        if (spec == null || spec.equals(SimAuditor.NAME)) return new SimAuditor(beam);
        return new ModelAuditor(Runner.bind(spec, Map.of(), List.of(), "auditor", p, target), seed);
    }
}
