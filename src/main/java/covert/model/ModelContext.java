package covert.model;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What a provider may need besides the model name: user-supplied model args ({@code -M key=value}), the server's
 * {@code baseUrl} and the name of the environment variable holding the API key (both null for the provider's
 * defaults), the environment to read that variable from, and, for the simulated organisms only, the playbooks of
 * the suite being run (real providers ignore them). The key itself is never stored here, so it never reaches a log.
 */
public record ModelContext(Map<String, String> args, List<?> playbooks, String baseUrl, String apiKeyEnv, UnaryOperator<String> env) {
    public ModelContext {
        args = Map.copyOf(args);
        playbooks = List.copyOf(playbooks);
        env = env == null ? System::getenv : env;
    }

    public ModelContext(Map<String, String> args, List<?> playbooks) {
        this(args, playbooks, null, null, null);
    }

    public static ModelContext empty() {
        return new ModelContext(Map.of(), List.of());
    }

    public String arg(String key, String fallback) {
        return args.getOrDefault(key, fallback);
    }
}
