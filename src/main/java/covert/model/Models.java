package covert.model;

import covert.UserError;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** Resolves {@code provider/name} to a {@link Model} through the registered {@link ModelProvider}s. */
public final class Models {
    private Models() {}

    public static Model create(String spec, ModelContext context) {
        int slash = spec == null ? -1 : spec.indexOf('/');
        if (slash <= 0 || slash == spec.length() - 1) {
            throw new UserError("model '" + spec + "' must look like provider/name, e.g. sim/baseline");
        }
        String prefix = spec.substring(0, slash);
        var known = new TreeSet<String>();
        for (ModelProvider p : ServiceLoader.load(ModelProvider.class)) {
            if (p.prefix().equals(prefix)) {
                return p.create(spec.substring(slash + 1), context);
            }
            known.add(p.prefix());
        }
        throw new UserError("unknown model provider '" + prefix + "' in '" + spec + "' (known: " + String.join(", ", known) + ")");
    }
}
