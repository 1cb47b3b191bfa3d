package covert.redteam;

import covert.model.ModelContext;
import covert.model.Models;

/** Resolves the auditor role: {@code sim/auditor} is the offline catalogue search, any other model is prompted. */
public final class Auditors {
    private Auditors() {}

    public static Auditor create(String spec, int beam, long seed) {
        if (spec == null || spec.equals(SimAuditor.NAME)) return new SimAuditor(beam);
        return new ModelAuditor(Models.create(spec, ModelContext.empty()), seed);
    }
}
