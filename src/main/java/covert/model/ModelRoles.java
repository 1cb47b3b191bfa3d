package covert.model;

import covert.UserError;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code --model-role role=provider/model} options (repeatable), the way verbs name the models that play
 * other parts than the one under test, e.g. {@code auditor=sim/auditor}.
 */
public final class ModelRoles {
    private ModelRoles() {}

    /** Role to model spec; {@code allowed} lists the roles the verb knows. */
    public static Map<String, String> parse(List<String> options, Collection<String> allowed) {
        var out = new LinkedHashMap<String, String>();
        for (String o : options == null ? List.<String>of() : options) {
            int eq = o.indexOf('=');
            String role = eq < 0 ? "" : o.substring(0, eq).strip(), model = eq < 0 ? "" : o.substring(eq + 1).strip();
            if (role.isEmpty() || model.isEmpty()) throw new UserError("--model-role must look like role=provider/model, got '" + o + "'");
            if (!allowed.contains(role)) throw new UserError("unknown model role '" + role + "' (known: " + String.join(", ", allowed) + ")");
            if (!model.contains("/")) throw new UserError("model '" + model + "' for role " + role + " must look like provider/name");
            if (out.put(role, model) != null) throw new UserError("--model-role " + role + " is given twice");
        }
        return out;
    }
}
