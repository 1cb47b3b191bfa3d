package covert.redteam;

import covert.model.ModelContext;
import covert.model.Models;
import covert.run.ProviderOptions;
import java.util.List;
import java.util.Map;

/** Resolves the auditor role: {@code sim/auditor} is the offline catalogue search, any other model is prompted. */
public final class Auditors {
    private Auditors() {}

    /** As the runner binds roles: an auditor on the target's provider shares its server and key variable; others use their defaults. */
    public static Auditor create(String spec, String target, ProviderOptions p, int beam, long seed) {
        if (spec == null || spec.equals(SimAuditor.NAME)) return new SimAuditor(beam);
        boolean sameProvider = provider(spec).equals(provider(target));
        var ctx = new ModelContext(Map.of(), List.of(), sameProvider ? p.baseUrl() : null, sameProvider ? p.apiKeyEnv() : null, null);
        return new ModelAuditor(Models.create(spec, ctx), seed);
    }

    private static String provider(String spec) {
        return spec.substring(0, Math.max(0, spec.indexOf('/')));
    }
}
